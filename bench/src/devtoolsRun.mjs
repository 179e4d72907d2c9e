// Bundles the devtools benchmarks (packages stay external: @falkit/* are the BUILT packages, so run
// `pnpm build` first) and runs them: `node bench/src/devtoolsRun.mjs` (`--screenshot`: the README screenshot).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const outfile = `${here}../node_modules/.bench/devtools.mjs`;
await build({
  entryPoints: [
    `${here}${process.argv.includes('--screenshot') ? 'devtoolsScreenshotMain.ts' : 'devtoolsMain.ts'}`,
  ],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  tsconfigRaw: {},
  logLevel: 'warning',
});
const env = {
  ...process.env,
  DEVTOOLS_BENCH_PAGE: `${here}devtoolsPage.ts`,
  DEVTOOLS_BENCH_DIR: `${here}..`,
};
const result = spawnSync(process.execPath, [outfile], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
