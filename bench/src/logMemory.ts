/**
 * Log memory: a job that logs N lines (up to 1,000,000) followed with `logs: true`. With the default
 * `maxLogs` (1,000) the client must keep O(maxLogs) lines whatever N is; with `maxLogs: Infinity` it
 * keeps them all (O(N)), the contrast that shows the bound is real.
 *
 * The emulator runs in this process and holds the job's whole log itself, so each measurement is a
 * heap delta against a baseline in which the same job has logged the same lines with nobody following
 * it. Heap is read after a forced GC while the job is still running (all lines logged, result not
 * yet sent), i.e. at the client's peak. Cross-check: the snapshot holds exactly min(N, maxLogs) lines
 * and `onLog` saw all N.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { FalClient } from '@falkit/core';
import { DEFAULT_MAX_LOGS, FalStore, SubscribeObserver } from '@falkit/core/observers';
import { type Bench, round, sleep } from './support';

export interface LogMemoryRow {
  follower: string;
  lines: number;
  maxLogs: number | 'Infinity';
  /** Heap retained by the follower (MB): heap with it − heap with the same job unfollowed. */
  retainedMb: number;
  /** Lines the follower keeps at the peak (snapshot / last status's `logs`). */
  keptLines: number;
  /** Lines `onLog` was called with (must be all of them). */
  seenLines: number;
}

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

async function heapMb(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed / 1024 ** 2;
}

/** An app that logs `lines` lines (in batches, yielding), then waits for `release()`. */
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
    for (let i = 0; i < lines; i++) {
      ctx.log(`step ${i + 1} of ${lines}`);
      if (i % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
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

const followers: Array<[string, Follow]> = [
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

async function measureOne(
  bench: Bench,
  lines: number,
  follower: [string, Follow] | undefined,
  maxLogs: number,
): Promise<{ heap: number; kept: number; seen: number }> {
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
  const heap = await heapMb();
  const kept = followed?.kept() ?? 0;
  app.release();
  await followed?.done;
  followed?.stop();
  app.remove();
  return { heap, kept, seen: seen.count };
}

export async function measureLogMemory(bench: Bench, sizes: number[]): Promise<LogMemoryRow[]> {
  const rows: LogMemoryRow[] = [];
  for (const lines of sizes) {
    const baseline = (await measureOne(bench, lines, undefined, DEFAULT_MAX_LOGS)).heap;
    for (const follower of followers) {
      for (const maxLogs of [DEFAULT_MAX_LOGS, Number.POSITIVE_INFINITY]) {
        // Keeping every line of a 1,000,000-line job is the unbounded case: shown at the smaller size only.
        if (maxLogs === Number.POSITIVE_INFINITY && lines > Math.min(...sizes)) continue;
        const { heap, kept, seen } = await measureOne(bench, lines, follower, maxLogs);
        rows.push({
          follower: follower[0],
          lines,
          maxLogs: Number.isFinite(maxLogs) ? maxLogs : 'Infinity',
          retainedMb: round(heap - baseline),
          keptLines: kept,
          seenLines: seen,
        });
        console.log(`[bench] log memory: ${JSON.stringify(rows.at(-1))}`);
      }
    }
  }
  bench.emulator.reset();
  return rows;
}
