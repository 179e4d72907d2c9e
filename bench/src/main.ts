/**
 * falkit vs @fal-ai/client 1.10.1, side by side on the same emulator run. Writes bench/RESULTS.md.
 * Run from the repo root with `npx -y pnpm@10.34.9 bench` (builds the packages first).
 * `--quick` shrinks every measurement (a smoke run; RESULTS.md is not written).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type BundleRow, measureBundles } from './bundle';
import { type LatencyRow, type RequestsRow, measureLatency, measureRequests } from './latency';
import { type LogMemoryRow, measureLogMemory } from './logMemory';
import { type RenderRow, measureRenders } from './renders';
import { type StreamRow, measureStreamRate } from './streamRate';
import { round, startBench } from './support';
import { type UploadRow, measureUpload } from './upload';

const quick = process.argv.includes('--quick');
/** `--only=latency` (or bundle, requests, stream, upload, renders, logs): run one section and print it. */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const runs = (section: string) => only === undefined || only === section;
const RESULTS = fileURLToPath(new URL('../../RESULTS.md', import.meta.url));

const log = (message: string) => console.log(`[bench] ${message}`);

function table<T extends object>(
  rows: T[],
  columns: Array<[string, (row: T) => string | number | boolean]>,
): string {
  return [
    `| ${columns.map(([name]) => name).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${columns.map(([, value]) => String(value(row))).join(' | ')} |`),
  ].join('\n');
}

const verdict = (ok: boolean) => (ok ? '**met**' : '**MISSED**');

async function main() {
  const started = Date.now();
  const bench = await startBench({ speed: 1 });
  let latency: LatencyRow[];
  let requests: RequestsRow[];
  let streams: StreamRow[];
  let uploads: UploadRow[];
  let bundles: BundleRow[];
  let renders: RenderRow[];
  let logMemory: LogMemoryRow[];
  try {
    log('bundle sizes');
    bundles = runs('bundle') ? await measureBundles() : [];
    console.table(bundles);
    log('completion-to-result latency');
    latency = runs('latency') ? await measureLatency(bench, quick ? 6 : 40) : [];
    console.table(latency);
    log('HTTP requests per job (1 s and 5 s jobs)');
    requests = quick || !runs('requests') ? [] : await measureRequests(bench);
    console.table(requests);
    log('stream events/s through for await');
    streams = runs('stream') ? await measureStreamRate(bench, quick ? [50] : [300, 5000]) : [];
    console.table(streams);
    log('upload throughput and peak memory');
    uploads = runs('upload') ? await measureUpload(bench, quick ? 16 : 256) : [];
    console.table(uploads);
    log('React renders');
    renders = runs('renders') ? await measureRenders(bench) : [];
    console.table(renders);
    log('log memory of a chatty job');
    // `--log-lines=100000,1000000` overrides the job sizes.
    const logLines = process.argv
      .find((arg) => arg.startsWith('--log-lines='))
      ?.slice('--log-lines='.length)
      .split(',')
      .map(Number);
    const logSizes = logLines ?? (quick ? [20_000] : [100_000, 1_000_000]);
    logMemory = runs('logs') ? await measureLogMemory(bench, logSizes) : [];
    console.table(logMemory);
  } finally {
    await bench.close();
  }

  if (only !== undefined) {
    log(`--only=${only}: RESULTS.md not written`);
    return;
  }
  const ours = (rows: { client: string }[]) => rows.filter((row) => row.client.startsWith('falkit'));
  const theirs = (rows: { client: string }[]) => rows.filter((row) => row.client.startsWith('@fal-ai'));
  const latencyOurs = ours(latency)[0] as LatencyRow;
  const latencyTheirs = theirs(latency)[0] as LatencyRow;
  const latencyFloor = latency.find((row) => row.client.startsWith('floor'));
  const rate = (rows: StreamRow[], n: number, client: string) =>
    rows.find((row) => row.client === client && row.events >= n)?.loopEventsPerSecond ?? Number.NaN;
  const totalRate = (rows: StreamRow[], n: number, client: string) =>
    rows.find((row) => row.client === client && row.events >= n)?.eventsPerSecond ?? Number.NaN;
  const sizes = [...new Set(streams.map((row) => row.events))];
  const ratios = sizes.map((n) => rate(streams, n, 'falkit') / rate(streams, n, '@fal-ai/client'));
  const totalRatios = sizes.map(
    (n) => totalRate(streams, n, 'falkit') / totalRate(streams, n, '@fal-ai/client'),
  );
  const bundleRatio = (entry: string) =>
    bundles.find((row) => row.client === 'falkit' && row.entry === entry)!.gzipKb /
    bundles.find((row) => row.client === '@fal-ai/client' && row.entry === entry)!.gzipKb;
  const runOnly = '`createFalClient().run` only';
  const everything = 'everything (`export *`)';

  const markdown = `# Benchmarks: falkit vs @fal-ai/client 1.10.1

Produced by \`npx -y pnpm@10.34.9 bench\` (= \`pnpm build && node bench/run.mjs\`) on ${new Date().toISOString().slice(0, 10)}:
Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM,
${process.platform}/${process.arch}. Both clients talk to the same in-process \`@falkit/emulator\` over loopback
HTTP (\`listen({ port: 0 })\`, \`speed: 1\`); the official client reaches it through its \`fetch\` option
(\`https://{host}/…\` → \`{origin}/{host}/…\`). Whole run: ${Math.round((Date.now() - started) / 1000)} s.
Numbers on a shared, busy machine vary run to run; the ratios are what matter.

## Targets

| target | result | |
|---|---|---|
| subscribe completion-to-result latency median ≤ 5 ms (theirs ~280 ms) | falkit p50 ${latencyOurs.p50} ms vs ${latencyTheirs.p50} ms | ${verdict(latencyOurs.p50 <= 5)} |
| (context) falkit's p50 above the floor: one plain \`fetch\` of the result on the same loopback | ${latencyFloor ? `${round(latencyOurs.p50 - latencyFloor.p50)} ms above a ${latencyFloor.p50} ms floor` : 'n/a'} | |
| stream rate ≥ 100× theirs through \`for await\` (first to last event) | ${ratios.map((r, i) => `${Math.round(r)}× at ${sizes[i]} events`).join(', ')} | ${verdict(ratios.every((r) => r >= 100))} |
| (context) the same counting the request and the app's start-up too | ${totalRatios.map((r, i) => `${Math.round(r)}× at ${sizes[i]} events`).join(', ')} | |
| bundle ≤ 40 % of theirs (min+gzip) | run-only ${Math.round(bundleRatio(runOnly) * 100)} %, full ${Math.round(bundleRatio(everything) * 100)} % | ${verdict(bundleRatio(runOnly) <= 0.4 && bundleRatio(everything) <= 0.4)} |

## Reading these numbers

- **Latency** is noisy on a shared machine: the same code gave a falkit p50 between 3 and 6.5 ms over the
  runs made while writing this (load average ~12 from other test runs), so one run can miss 5 ms. What is
  stable: falkit is within a few ms of the floor row (one plain \`fetch\` of the result, the request the
  protocol requires after COMPLETED), level with the official client's opt-in streaming mode, and ~300 ms
  ahead of its default polling; its p99 tail is the loaded loopback, not polling. Finding from this bench
  (fixed in core): falkit used to cancel the status stream on COMPLETED, which reset the connection and made
  the result GET open a new one; it now reads the stream to its end (50 ms grace) and reuses the connection.
- **Stream rate**: the official iterator sleeps 16 ms per event (~60 events/s whatever the server does);
  falkit's loop is bounded by parsing. Counting the request and the app's start-up (tens of ms of fixed
  set-up on this machine), the ratio is much lower for a 300-event stream and can fall below 100×.
- **Bundle**: the target is met for what a page loads up front (falkit's queue, stream, storage and
  realtime code is behind dynamic \`import()\` and loads on first use). If an app ends up using *every*
  feature, falkit's total code (\`with lazy chunks\`) is larger than the official client's single chunk:
  it also holds observers, multipart uploads with progress and retries, and realtime.
- **Upload**: throughput is about the same for both (client, emulator and loopback share 2 cores; parallel
  parts cannot help a CPU-bound local server), but falkit's extra memory stays flat (it streams parts from
  the Blob) where the official client's grows with its buffered parts.
- **Renders**: falkit shows logs live (\`different log counts shown\`) at no more than one render per
  animation frame, and never more than a few dozen renders for a 1,000-line flood. The hand-written
  baselines render less because they show the logs late: polling sees them every 500 ms, and in streaming
  mode React's scheduler coalesces its ~1,000 state updates into a handful of commits. The success state
  reaches the screen within a frame of completion with falkit, ~0.4 s later with the polling baseline.

## Completion-to-result latency (\`subscribe\`)

${latency[0]!.jobs} jobs of 0.2–1.2 s, 10 at a time. Latency = promise resolved − the emulator's \`completedAt\` for the job.
After COMPLETED the protocol needs one more request (the result GET), so no client can beat the last row,
a plain \`fetch\` of the same results on the same loopback, timed on its own.

${table(latency, [
  ['client', (r) => r.client],
  ['p50 ms', (r) => r.p50],
  ['p90 ms', (r) => r.p90],
  ['p99 ms', (r) => r.p99],
  ['mean ms', (r) => r.mean],
])}

## HTTP requests per job (emulator request log)

${table(requests, [
  ['client', (r) => r.client],
  ['job length', (r) => `${r.jobSeconds} s`],
  ['requests / job', (r) => r.requestsPerJob],
  ['of which status', (r) => r.statusRequestsPerJob],
])}

## Stream events per second through \`for await\`

An app yielding its events back to back (\`bench/burst\`, plus its final result as the last event). "Total" runs from
calling \`stream()\` to the end of the loop; "loop" from the first event to the last (the iterator's own rate).

${table(streams, [
  ['client', (r) => r.client],
  ['events', (r) => r.events],
  ['total ms', (r) => r.ms],
  ['total events/s', (r) => r.eventsPerSecond],
  ['loop ms', (r) => r.loopMs],
  ['loop events/s', (r) => r.loopEventsPerSecond],
])}

## Upload: ${uploads[0]!.mib} MiB (each client in its own process)

Extra peak RSS = peak RSS during the upload − RSS with the file already in memory.

${table(uploads, [
  ['client', (r) => r.client],
  ['seconds', (r) => r.seconds],
  ['MiB/s', (r) => r.mibPerSecond],
  ['extra peak RSS MB', (r) => r.extraPeakRssMb],
  ['HTTP requests', (r) => r.requests],
  ['bytes intact', (r) => (r.intact ? 'yes' : 'NO')],
])}

## Bundle size (esbuild, minified, browser ESM with code splitting, from the built packages)

"Initial" = the entry and its static imports (what a page loads before the first call); "with lazy chunks"
adds the code behind dynamic \`import()\` (falkit loads queue, stream, storage and realtime code on first use).
The official client is CommonJS: one chunk, nothing to split or shake. Each chunk is gzipped on its own.

${table(bundles, [
  ['client', (r) => r.client],
  ['entry', (r) => r.entry],
  ['initial min kB', (r) => r.minKb],
  ['initial min+gzip kB', (r) => r.gzipKb],
  ['with lazy chunks min kB', (r) => r.lazyMinKb],
  ['with lazy chunks min+gzip kB', (r) => r.lazyGzipKb],
])}

## React renders (jsdom + react-dom/client, commits counted by \`<Profiler>\`)

${table(renders, [
  ['component', (r) => r.component],
  ['scenario', (r) => r.scenario],
  ['renders', (r) => r.renders],
  ['different log counts shown', (r) => r.logSteps],
  ['log lines at the end', (r) => r.logsShown],
  ['job completed → success on screen (ms)', (r) => r.successLatencyMs],
])}

## Log memory (a job logging up to 1,000,000 lines, followed with \`logs: true\`)

Heap retained by the follower at its peak (after a forced GC, all lines received, result not yet sent),
minus the same job with nobody following (the in-process emulator keeps the whole log itself). With the
default \`maxLogs\` (${logMemory.find((r) => r.maxLogs !== 'Infinity')?.maxLogs ?? 1000}) the follower keeps a constant window whatever the job's length;
\`maxLogs: Infinity\` shows the unbounded case for contrast. \`onLog\` still sees every line.

${table(logMemory, [
  ['follower', (r) => r.follower],
  ['lines logged', (r) => r.lines],
  ['maxLogs', (r) => r.maxLogs],
  ['retained MB', (r) => r.retainedMb],
  ['lines kept', (r) => r.keptLines],
  ['lines seen by onLog', (r) => r.seenLines],
])}
`;
  if (quick) {
    console.log(markdown);
    log('quick run: RESULTS.md not written');
  } else {
    writeFileSync(RESULTS, markdown);
    log(`wrote ${RESULTS}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
