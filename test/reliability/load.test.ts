/**
 * Load: 1,000 concurrent subscriptions from one Node process, through `@falkit/proxy` to the emulator.
 * Ten rounds run in process (client → proxy handler → emulator as web-standard fetch calls, so the
 * rounds measure falkit rather than the kernel's loopback); one more round runs over real sockets
 * (1,000 status streams open through the Node adapter at once). Every result must arrive and be the
 * right one, every job must exist once, and the heap must come back to its baseline. Peak memory and
 * event-loop delay are recorded, not asserted (timing belongs to bench/).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import type { FalClient } from '@falkit/core';
import type { Emulator } from '@falkit/emulator';
import { eventually, gateApp, inProcessProxyStack, queueJobs, startProxyStack } from './support/stack';
import { record } from './support/summary';

const CONCURRENCY = 1_000;
const ROUNDS = 10;
const GATE = 'test/load-gate';
/** Heap growth (after a full GC) allowed between the baseline and the last round. */
const LEAK_TOLERANCE_MB = 16;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const stack = inProcessProxyStack({ workers: CONCURRENCY, allowedEndpoints: ['test/*'] });
afterAll(() => stack.close());

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** One round: all subscriptions open and waiting at the gate at once, then released together. */
async function round(index: number, emulator: Emulator, client: FalClient) {
  emulator.reset();
  const gate = gateApp(emulator, GATE);
  const inputs = Array.from({ length: CONCURRENCY }, (_, i) => ({ round: index, i }));
  const settled = Promise.allSettled(inputs.map((input) => client.subscribe(GATE, { input })));
  await eventually(
    () =>
      expect(queueJobs(emulator, GATE).filter((job) => job.status === 'IN_PROGRESS')).toHaveLength(
        CONCURRENCY,
      ),
    60_000,
    50,
  );
  // Let the last status streams open before counting them.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const streamsOpen = emulator.openConnections();
  gate.open();
  const outcomes = await settled;
  const correct = outcomes.filter(
    (outcome, i) =>
      outcome.status === 'fulfilled' && JSON.stringify(outcome.value.data) === JSON.stringify(inputs[i]),
  ).length;
  const jobs = queueJobs(emulator, GATE);
  const failures = outcomes.filter((outcome) => outcome.status === 'rejected').slice(0, 3);
  return {
    lost: CONCURRENCY - correct,
    duplicates: Math.max(0, jobs.length - CONCURRENCY),
    jobs: jobs.length,
    streamsOpen,
    failures: failures.map((failure) => String((failure as PromiseRejectedResult).reason)),
  };
}

it(`${CONCURRENCY.toLocaleString('en-US')} concurrent subscriptions through the proxy handler, ${ROUNDS} rounds: nothing lost, no leak`, async () => {
  const client = stack.proxiedClient();
  await round(0, stack.emulator, client); // warm-up: JIT, lazily loaded modules
  stack.emulator.reset();
  const baseline = await settledHeap();
  // Measured only while subscriptions are in flight (not during this test's own forced GCs). In process
  // there is no I/O between client, proxy and emulator, so a round's work runs as one long microtask
  // chain: the delay here is the CPU cost of the whole round, not a stall. The socket round below shows
  // the delay with real I/O in between.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  const heaps: number[] = [];
  let lost = 0;
  let duplicates = 0;
  let maxStreamsOpen = 0;
  const started = Date.now();
  try {
    for (let index = 1; index <= ROUNDS; index++) {
      loopDelay.enable();
      const outcome = await round(index, stack.emulator, client);
      loopDelay.disable();
      lost += outcome.lost;
      duplicates += outcome.duplicates;
      maxStreamsOpen = Math.max(maxStreamsOpen, outcome.streamsOpen);
      expect(outcome.failures).toEqual([]);
      expect(outcome.jobs).toBe(CONCURRENCY);
      stack.emulator.reset();
      heaps.push(await settledHeap());
    }
  } finally {
    clearInterval(sampler);
  }
  const growth = mb(heaps.at(-1)! - baseline);
  record({
    suite: 'load',
    name: `${CONCURRENCY.toLocaleString('en-US')} concurrent subscriptions (streaming) via the proxy handler, in process × ${ROUNDS} rounds`,
    outcome:
      lost === 0 && duplicates === 0 ? 'all results correct' : `${lost} lost, ${duplicates} duplicated`,
    loadsHeld: ROUNDS,
    resultsLost: lost,
    duplicateSubmits: duplicates,
    metrics: {
      'results received': ROUNDS * CONCURRENCY - lost,
      'status streams open at once': maxStreamsOpen,
      'peak RSS MB': mb(peakRss),
      'peak heap MB': mb(peakHeap),
      'heap baseline MB': mb(baseline),
      'heap after each round MB': heaps.map(mb).join(' / '),
      'event-loop delay p50 ms': Math.round(loopDelay.percentile(50) / 1e4) / 100,
      'event-loop delay p99 ms': Math.round(loopDelay.percentile(99) / 1e4) / 100,
      'event-loop delay max ms': Math.round(loopDelay.max / 1e4) / 100,
      'wall time s': Math.round((Date.now() - started) / 100) / 10,
    },
  });
  expect(lost).toBe(0);
  expect(duplicates).toBe(0);
  // Back to baseline: no growth across rounds beyond GC noise.
  expect(growth).toBeLessThan(LEAK_TOLERANCE_MB);
  expect(mb(heaps.at(-1)! - heaps[1]!)).toBeLessThan(LEAK_TOLERANCE_MB / 2);
}, 120_000);

it(`${CONCURRENCY.toLocaleString('en-US')} concurrent subscriptions over loopback sockets through the Node proxy adapter`, async () => {
  const sockets = await startProxyStack({ workers: CONCURRENCY, allowedEndpoints: ['test/*'] });
  try {
    const started = Date.now();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const outcome = await round(1, sockets.emulator, sockets.proxiedClient());
    loopDelay.disable();
    record({
      suite: 'load',
      name: `${CONCURRENCY.toLocaleString('en-US')} concurrent subscriptions (streaming) via the Node proxy, loopback sockets × 1 round`,
      outcome:
        outcome.lost === 0 && outcome.duplicates === 0 ? 'all results correct' : `${outcome.lost} lost`,
      loadsHeld: 1,
      resultsLost: outcome.lost,
      duplicateSubmits: outcome.duplicates,
      metrics: {
        'emulator connections open at once': outcome.streamsOpen,
        'event-loop delay p50 ms': Math.round(loopDelay.percentile(50) / 1e4) / 100,
        'event-loop delay p99 ms': Math.round(loopDelay.percentile(99) / 1e4) / 100,
        'event-loop delay max ms': Math.round(loopDelay.max / 1e4) / 100,
        'wall time s': Math.round((Date.now() - started) / 100) / 10,
      },
    });
    expect(outcome.failures).toEqual([]);
    expect(outcome.lost).toBe(0);
    expect(outcome.jobs).toBe(CONCURRENCY);
  } finally {
    await sockets.close();
  }
}, 120_000);
