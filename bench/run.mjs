// Bundles the TypeScript benchmarks with esbuild (packages stay external, so @falkit/* resolve to the
// BUILT packages: run `pnpm build` first, as the root `pnpm bench` script does) and runs them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const outdir = `${here}node_modules/.bench`;
await build({
  entryPoints: [`${here}src/main.ts`, `${here}src/uploadChild.ts`],
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  // Not the repo's tsconfig: its `paths` map @falkit/* to SOURCE; the bench must use the built packages.
  tsconfigRaw: {},
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [`${outdir}/main.mjs`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, BENCH_OUT_DIR: outdir },
});
process.exit(result.status ?? 1);
