// The publishable packages (packages/*), in dependency order: a package comes after every
// @falkit package it depends on, so building or packing in this order always finds built deps.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function publishablePackages() {
  const byName = new Map();
  for (const dir of readdirSync(join(ROOT, 'packages'))) {
    const path = join(ROOT, 'packages', dir);
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    if (!manifest.private) byName.set(manifest.name, { name: manifest.name, dir: path, manifest });
  }
  const ordered = [];
  const visit = (pkg) => {
    if (ordered.includes(pkg)) return;
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) {
      const internal = byName.get(dep);
      if (internal) visit(internal);
    }
    ordered.push(pkg);
  };
  for (const pkg of byName.values()) visit(pkg);
  return ordered;
}
