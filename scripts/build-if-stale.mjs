// `prepack` of every package, and `pnpm emulator`: builds the package in the current directory
// (and first the @falkit packages it depends on) unless its dist/ is newer than every input.
// A tarball therefore never ships without dist/, and a second run costs nothing.
//
// Usage: node scripts/build-if-stale.mjs [package dir]   (default: the current directory)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pnpm } from './lib/pnpm.mjs';
import { publishablePackages } from './lib/workspacePackages.mjs';

const INPUTS = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale(dir) {
  const marker = join(dir, 'dist', 'index.js');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(dir, input)) > built);
}

export function buildIfStale(dir) {
  const packages = publishablePackages();
  const target = packages.find((pkg) => pkg.dir === resolve(dir));
  if (!target) throw new Error(`${dir} is not a package under packages/`);
  // Dependencies first: a dependent's type build reads their dist/*.d.ts.
  const needed = new Set([target.name]);
  for (const pkg of [...packages].reverse()) {
    if (!needed.has(pkg.name)) continue;
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) needed.add(dep);
  }
  const built = [];
  for (const pkg of packages) {
    if (!needed.has(pkg.name) || !isStale(pkg.dir)) continue;
    console.error(`building ${pkg.name} (dist/ missing or older than its sources)`);
    pnpm(['run', 'build'], { cwd: pkg.dir, quiet: true });
    built.push(pkg.name);
  }
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  buildIfStale(process.argv[2] ?? process.cwd());
