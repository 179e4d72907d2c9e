// `pnpm pack:all [dir]`: one installable tarball per publishable package, all in one folder
// (default `.packs/`). `pnpm pack` runs each package's `prepack` (build when stale) and rewrites
// `workspace:^` ranges to the real versions, exactly as `pnpm publish` would.
//
// Install them anywhere with npm, e.g.:
//   npm install /path/to/falkit/.packs/falkit-core-0.1.0.tgz /path/to/falkit/.packs/falkit-react-0.1.0.tgz
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pnpm } from './lib/pnpm.mjs';
import { ROOT, publishablePackages } from './lib/workspacePackages.mjs';

export function packAll(destination = join(ROOT, '.packs')) {
  const out = resolve(destination);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const pkg of publishablePackages()) {
    pnpm(['pack', '--pack-destination', out], { cwd: pkg.dir, quiet: true });
  }
  const tarballs = readdirSync(out)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(out, file));
  return tarballs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tarballs = packAll(process.argv[2]);
  for (const tarball of tarballs) console.log(tarball);
}
