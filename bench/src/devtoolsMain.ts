/**
 * The devtools benchmarks (issue 16): production bundle growth and panel responsiveness. Run from
 * the repo root with `node bench/src/devtoolsRun.mjs` after `pnpm build`; prints Markdown.
 */
import { cpus } from 'node:os';
import { measureDevtoolsResponsiveness } from './devtools';
import { measureDevtoolsSize } from './devtoolsSize';

const sizes = await measureDevtoolsSize();
const base = sizes[0]!;
const growth = (value: number | undefined, baseline: number | undefined, variant: string) =>
  value === undefined || baseline === undefined
    ? 'n/a'
    : variant === 'development' // React's development build too: no growth to compare
      ? String(value)
      : `${value} (+${value - baseline})`;
console.log('## Production bundle, bytes (growth over the app without devtools)\n');
console.log(
  '| app | Vite 8, all chunks, gzip | esbuild, loaded, minified | esbuild, loaded, gzip | Chromium, fetched, gzip | esbuild, all chunks written, gzip |\n|---|---|---|---|---|---|',
);
for (const row of sizes) {
  console.log(
    `| ${row.app} | ${growth(row.viteGzip, base.viteGzip, row.variant)} | ${growth(row.esbuildLoadedMin, base.esbuildLoadedMin, row.variant)} | ${growth(row.esbuildLoadedGzip, base.esbuildLoadedGzip, row.variant)} | ${growth(row.chromiumGzip, base.chromiumGzip, row.variant)} | ${growth(row.esbuildWrittenGzip, base.esbuildWrittenGzip, row.variant)} |`,
  );
}
const rows = await measureDevtoolsResponsiveness(Number(process.env.DEVTOOLS_BENCH_RUNS ?? 20));
console.log(
  `\n## Interaction to next frame, 500 requests + a 100,000-line log (${cpus()[0]?.model}, ${cpus().length} cores)\n`,
);
console.log('| interaction | runs | median ms | p95 ms | max ms | under 50 ms |\n|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.interaction} | ${row.runs} | ${row.medianMs} | ${row.p95Ms} | ${row.maxMs} | ${row.p95Ms < 50 ? 'yes' : '**no**'} |`,
  );
}
