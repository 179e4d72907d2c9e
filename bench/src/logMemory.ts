/**
 * Log memory: a job that logs N lines (up to 1,000,000) followed with `logs: true`. With the default
 * `maxLogs` (1,000) the client must keep O(maxLogs) lines whatever N is; with `maxLogs: Infinity` it
 * keeps them all (O(N)), the contrast that shows the bound is real.
 *
 * The emulator runs in this process and holds the job's whole log itself, so each measurement is a
 * heap delta against a baseline in which the same job has logged the same lines with nobody following
 * it. Heap is read after a forced GC while the job is still running (all lines logged, result not
 * yet sent), i.e. at the client's peak. Cross-checks: the emulator's own count of the job's lines
 * (`emulator.jobs()`), the lines `onLog` saw (all N) and the lines the follower keeps (min(N, maxLogs)).
 *
 * The app logs its lines with `logLines`, LINES_PER_EVENT at a time, so each status-stream event
 * carries that many new lines (as a busy app's flushed output would) instead of one: the client
 * still receives, de-duplicates and bounds every line, and the batch is smaller than `maxLogs`, so the
 * bounded window fills and compacts as it does for a slow trickle. One line per event feeds ~2,000
 * lines/s on this machine (1,000,000 lines ≈ 8 min per row); batched, a row takes seconds.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { FalClient } from '@falkit/core';
import { DEFAULT_MAX_LOGS, FalStore, SubscribeObserver } from '@falkit/core/observers';
import { type Bench, round, sleep } from './support';

export interface LogMemoryRow {
  follower: string;
  lines: number;
  /** `n/a` for the unfollowed baseline. */
  maxLogs: number | 'Infinity' | 'n/a';
  /** Heap retained by the follower (MB): heap at the peak − heap once it has let go of the same job. */
  retainedMb: number;
  /** The same against the unfollowed baseline run (MB): heap at the peak − the baseline's peak. */
  overBaselineMb: number;
  /** Process RSS at the peak (MB), after a forced GC; the unfollowed baseline's is in its own row. */
  rssMb: number;
  /** Lines the emulator holds for the job at the peak (its own count, `emulator.jobs()`). */
  serverLines: number;
  /** Lines the follower keeps at the peak (snapshot / last status's `logs`). */
  keptLines: number;
  /** Lines `onLog` was called with (must be all of them). */
  seenLines: number;
}

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Lines per status-stream event (see above): below the default `maxLogs`. */
export const LINES_PER_EVENT = 100;

async function memoryMb(): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(20);
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed / 1024 ** 2, rss: rss / 1024 ** 2 };
}

/** An app that logs `lines` lines (LINES_PER_EVENT at a time, yielding between), then waits for `release()`. */
function chattyApp(bench: Bench, endpointId: string, lines: number) {
  let logged!: () => void;
  const allLogged = new Promise<void>((resolve) => {
    logged = resolve;
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const remove = bench.emulator.app(endpointId, async (ctx) => {
    for (let first = 0; first < lines; first += LINES_PER_EVENT) {
      const batch: string[] = [];
      for (let i = first; i < Math.min(lines, first + LINES_PER_EVENT); i++) {
        batch.push(`step ${i + 1} of ${lines}`);
      }
      // Flattens the lines (V8 keeps a template literal as a rope until it is serialised): the
      // emulator's copy then takes the same heap whether a status stream serialises it or not.
      JSON.stringify(batch);
      ctx.logLines(batch);
      await new Promise((resolve) => setImmediate(resolve));
    }
    logged();
    await released;
    return { lines };
  });
  return { allLogged, release, remove };
}

type Follow = (
  client: FalClient,
  endpointId: string,
  maxLogs: number,
  seen: { count: number },
) => { kept: () => number; done: Promise<unknown>; stop: () => void };

/**
 * The control for everything that is not the client: a plain `fetch` of the job's status stream that
 * parses each event, counts its lines and keeps none. What it retains at the peak is the cost of an
 * open stream in this process (the in-process server and Node's fetch hold ~90 bytes per event sent
 * until the stream ends), which every follower below pays too.
 */
const PLAIN_READER = 'plain fetch of the status stream (no client, keeps no line)';
const plainReader: Follow = (_client, endpointId, _maxLogs, seen) => {
  const done = (async () => {
    const bench = plainReaderBench!;
    const submitted = await fetch(`${bench.server.url}/queue.fal.run/${endpointId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Key bench-key' },
      body: '{}',
    });
    const { status_url } = (await submitted.json()) as { status_url: string };
    const stream = await fetch(`${status_url}/stream?logs=1`, {
      headers: { authorization: 'Key bench-key' },
    });
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const data = buffered
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data:'));
        buffered = buffered.slice(end + 2);
        if (data)
          seen.count += ((JSON.parse(data.slice(5)) as { logs?: unknown[] | null }).logs ?? []).length;
      }
    }
  })();
  return { kept: () => 0, done, stop: () => {} };
};
let plainReaderBench: Bench | undefined;

const followers: Array<[string, Follow]> = [
  [PLAIN_READER, plainReader],
  [
    'client.subscribe',
    (client, endpointId, maxLogs, seen) => {
      let kept = 0;
      const done = client.subscribe(endpointId, {
        input: {},
        logs: true,
        maxLogs,
        onLog: () => {
          seen.count++;
        },
        onQueueUpdate: (update) => {
          if (update.status !== 'IN_QUEUE') kept = update.logs.length;
        },
      });
      return { kept: () => kept, done, stop: () => {} };
    },
  ],
  [
    'request handle (submit + events())',
    (client, endpointId, maxLogs, seen) => {
      let kept = 0;
      const done = (async () => {
        const request = await client.submit(endpointId, { input: {} });
        for await (const update of request.events({
          logs: true,
          maxLogs,
          onLog: () => {
            seen.count++;
          },
        })) {
          if (update.status !== 'IN_QUEUE') kept = update.logs.length;
        }
        return request.result();
      })();
      return { kept: () => kept, done, stop: () => {} };
    },
  ],
  [
    'SubscribeObserver (useFalSubscribe)',
    (client, endpointId, maxLogs, seen) => {
      const observer = new SubscribeObserver(new FalStore({ client, gcTime: 0 }), {
        endpointId,
        input: {},
        logs: true,
        maxLogs,
        onLog: () => {
          seen.count++;
        },
      });
      let settle!: () => void;
      const done = new Promise<void>((resolve) => {
        settle = resolve;
      });
      const stop = observer.subscribe(() => {
        if (observer.getSnapshot().isSettled) settle();
      });
      return { kept: () => observer.getSnapshot().logs.length, done, stop };
    },
  ],
];

interface Measured {
  /** Heap at the peak (MB). */
  heap: number;
  /** Heap once the follower has finished and been dropped, the emulator still holding the job (MB). */
  released: number;
  rss: number;
  kept: number;
  seen: number;
  serverLines: number;
}

async function measureOne(
  bench: Bench,
  lines: number,
  follower: [string, Follow] | undefined,
  maxLogs: number,
): Promise<Measured> {
  const endpointId = `bench/logs-${lines}`;
  bench.emulator.reset();
  const app = chattyApp(bench, endpointId, lines);
  const seen = { count: 0 };
  let followed: ReturnType<Follow> | undefined;
  if (follower) followed = follower[1](bench.falkit, endpointId, maxLogs, seen);
  else {
    // Same job, nobody following: submitted with a plain fetch, the emulator alone holds the log.
    await fetch(`${bench.server.url}/queue.fal.run/${endpointId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Key bench-key' },
      body: '{}',
    });
  }
  await app.allLogged;
  // Let the follower receive every line (the status stream trails the app).
  if (followed) while (seen.count < lines) await sleep(50);
  const { heap, rss } = await memoryMb();
  const kept = followed?.kept() ?? 0;
  const jobs = bench.emulator.jobs().filter((job) => job.endpointId === endpointId);
  if (jobs.length !== 1)
    throw new Error(`expected one ${endpointId} job on the emulator, found ${jobs.length}`);
  const serverLines = jobs[0]!.logCount;
  app.release();
  await followed?.done;
  followed?.stop();
  followed = undefined;
  // The follower is gone; the emulator still holds the finished job and its whole log.
  const released = (await memoryMb()).heap;
  app.remove();
  return { heap, rss, released, kept, seen: seen.count, serverLines };
}

export async function measureLogMemory(bench: Bench, sizes: number[]): Promise<LogMemoryRow[]> {
  const rows: LogMemoryRow[] = [];
  const row = (
    follower: string,
    lines: number,
    maxLogs: number | undefined,
    measured: Measured,
    baseline: number,
  ) => {
    rows.push({
      follower,
      lines,
      maxLogs: maxLogs === undefined ? 'n/a' : Number.isFinite(maxLogs) ? maxLogs : 'Infinity',
      retainedMb: round(measured.heap - measured.released),
      overBaselineMb: round(measured.heap - baseline),
      rssMb: round(measured.rss),
      serverLines: measured.serverLines,
      keptLines: measured.kept,
      seenLines: measured.seen,
    });
    console.log(`[bench] log memory: ${JSON.stringify(rows.at(-1))}`);
  };
  plainReaderBench = bench;
  // Warm-up (not reported): every follower's code loaded and compiled before the first baseline.
  for (const follower of followers) await measureOne(bench, 2 * LINES_PER_EVENT, follower, DEFAULT_MAX_LOGS);
  for (const lines of sizes) {
    const baseline = await measureOne(bench, lines, undefined, DEFAULT_MAX_LOGS);
    row('nobody (baseline: the emulator alone)', lines, undefined, baseline, baseline.heap);
    // Bounded rows first: RSS rarely shrinks once grown, so an unbounded row before them would hide theirs.
    for (const maxLogs of [DEFAULT_MAX_LOGS, Number.POSITIVE_INFINITY]) {
      // The unbounded control hands every update a fresh copy of the whole log (O(N) per event,
      // O(N²) per job): at the smallest size only (1,000,000 lines would take tens of minutes).
      if (maxLogs === Number.POSITIVE_INFINITY && lines > Math.min(...sizes)) continue;
      for (const follower of followers) {
        if (follower[0] === PLAIN_READER) {
          if (Number.isFinite(maxLogs)) {
            row(
              follower[0],
              lines,
              undefined,
              await measureOne(bench, lines, follower, maxLogs),
              baseline.heap,
            );
          }
          continue;
        }
        row(follower[0], lines, maxLogs, await measureOne(bench, lines, follower, maxLogs), baseline.heap);
      }
    }
  }
  bench.emulator.reset();
  return rows;
}
