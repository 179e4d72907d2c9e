/**
 * Load: 1,000 concurrent subscriptions from one Node process, through `@falkit/proxy` to the emulator.
 * What is measured is what is held, not how fast: each round waits (however long a busy machine needs,
 * within a generous bound) until all 1,000 jobs are in progress on the emulator at once and all 1,000
 * status streams are open, then releases them. Five rounds run in process (client → proxy handler → emulator as web-standard fetch calls, so the
 * rounds measure falkit rather than the kernel's loopback); one more round runs over real sockets
 * (1,000 status streams open through the Node adapter at once). Every result must arrive and be the
 * right one, every job must exist once, and the heap must come back to its baseline. Peak memory and
 * event-loop delay are recorded, not asserted (timing belongs to bench/).
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import type { FalClient } from '@falkit/core';
import type { Emulator } from '@falkit/emulator';
import { eventually, gateApp, inProcessProxyStack, queueJobs, startProxyStack } from './support/stack';
import { record } from './support/summary';

const CONCURRENCY = 1_000;
const ROUNDS = 5;
/** Generous bounds for a loaded 2-core machine: the figure is what is held, never how fast. */
const HOLD_BOUND_MS = 300_000;
const TEST_BOUND_MS = 900_000;
const GATE = 'test/load-gate';
/** Heap growth (after a full GC) allowed between the baseline and the last round. */
const LEAK_TOLERANCE_MB = 16;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const stack = inProcessProxyStack({ workers: CONCURRENCY, allowedEndpoints: ['test/*'] });
afterAll(() => stack.close());

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * The event-loop delay figures, with how many samples they rest on: a histogram that took no sample
 * reads 0 ms, which would claim a perfectly idle loop, so then the figures are left out.
 */
function loopDelayMetrics(histogram: IntervalHistogram): Record<string, string | number> {
  if (histogram.count === 0) return { 'event-loop delay': 'not sampled (0 samples)' };
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    'event-loop delay samples': histogram.count,
    'event-loop delay p50 ms': ms(histogram.percentile(50)),
    'event-loop delay p99 ms': ms(histogram.percentile(99)),
    'event-loop delay max ms': ms(histogram.max),
  };
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/**
 * One round: all subscriptions in progress and streaming at once (waited for, not raced), then
 * released together. Lost results are counted from the emulator: jobs it completed whose right result
 * did not reach the caller.
 */
async function round(index: number, emulator: Emulator, client: FalClient) {
  emulator.reset();
  const gate = gateApp(emulator, GATE);
  const inputs = Array.from({ length: CONCURRENCY }, (_, i) => ({ round: index, i }));
  const rejections: unknown[] = [];
  const settled = Promise.allSettled(
    inputs.map((input) =>
      client.subscribe(GATE, { input }).catch((error: unknown) => {
        rejections.push(error);
        throw error;
      }),
    ),
  );
  const inProgress = () => queueJobs(emulator, GATE).filter((job) => job.status === 'IN_PROGRESS').length;
  // However long a busy machine needs (within HOLD_BOUND_MS); a subscription that already failed will
  // never be held, so stop waiting then and say why.
  const deadline = Date.now() + HOLD_BOUND_MS;
  while (inProgress() < CONCURRENCY && rejections.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (inProgress() < CONCURRENCY) {
    gate.open();
    await settled;
    throw new Error(
      `${inProgress()} of ${CONCURRENCY} jobs in progress at once; ${rejections.length} subscription(s) failed, first: ${rejections.slice(0, 3).map(String).join(' | ')}`,
    );
  }
  // Every subscription's status stream open at the same moment (plus nothing else in flight).
  await eventually(
    () => expect(emulator.openConnections()).toBeGreaterThanOrEqual(CONCURRENCY),
    HOLD_BOUND_MS,
    50,
  );
  const inProgressAtOnce = inProgress();
  const streamsOpen = emulator.openConnections();
  gate.open();
  const outcomes = await settled;
  const correct = outcomes.filter(
    (outcome, i) =>
      outcome.status === 'fulfilled' && JSON.stringify(outcome.value.data) === JSON.stringify(inputs[i]),
  ).length;
  const jobs = queueJobs(emulator, GATE);
  const completed = jobs.filter((job) => job.status === 'COMPLETED').length;
  const failures = outcomes.filter((outcome) => outcome.status === 'rejected').slice(0, 3);
  return {
    lost: Math.max(0, completed - correct),
    duplicates: Math.max(0, jobs.length - CONCURRENCY),
    jobs: jobs.length,
    completed,
    correct,
    inProgressAtOnce,
    streamsOpen,
    failures: failures.map((failure) => String((failure as PromiseRejectedResult).reason)),
  };
}

it(
  `${CONCURRENCY.toLocaleString('en-US')} concurrent subscriptions through the proxy handler, ${ROUNDS} rounds: nothing lost, no leak`,
  async () => {
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
    let received = 0;
    let minInProgress = CONCURRENCY;
    let minStreamsOpen = Number.POSITIVE_INFINITY;
    const started = Date.now();
    try {
      for (let index = 1; index <= ROUNDS; index++) {
        loopDelay.enable();
        const outcome = await round(index, stack.emulator, client);
        loopDelay.disable();
        lost += outcome.lost;
        duplicates += outcome.duplicates;
        received += outcome.correct;
        minInProgress = Math.min(minInProgress, outcome.inProgressAtOnce);
        minStreamsOpen = Math.min(minStreamsOpen, outcome.streamsOpen);
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
        'right results received': received,
        'jobs in progress at once (every round)': minInProgress,
        'status streams open at once (every round, at least)': minStreamsOpen,
        'peak RSS MB': mb(peakRss),
        'peak heap MB': mb(peakHeap),
        'heap baseline MB': mb(baseline),
        'heap after each round MB': heaps.map(mb).join(' / '),
        ...loopDelayMetrics(loopDelay),
        'wall time s': Math.round((Date.now() - started) / 100) / 10,
      },
    });
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    expect(received).toBe(ROUNDS * CONCURRENCY);
    // Back to baseline: no growth across rounds beyond GC noise.
    expect(growth).toBeLessThan(LEAK_TOLERANCE_MB);
    expect(mb(heaps.at(-1)! - heaps[1]!)).toBeLessThan(LEAK_TOLERANCE_MB / 2);
  },
  TEST_BOUND_MS,
);

it(
  `${CONCURRENCY.toLocaleString('en-US')} concurrent subscriptions over loopback sockets through the Node proxy adapter`,
  async () => {
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
          'jobs in progress at once': outcome.inProgressAtOnce,
          'emulator connections open at once': outcome.streamsOpen,
          'right results received': outcome.correct,
          ...loopDelayMetrics(loopDelay),
          'wall time s': Math.round((Date.now() - started) / 100) / 10,
        },
      });
      expect(outcome.failures).toEqual([]);
      expect(outcome.lost).toBe(0);
      expect(outcome.correct).toBe(CONCURRENCY);
      expect(outcome.jobs).toBe(CONCURRENCY);
    } finally {
      await sockets.close();
    }
  },
  TEST_BOUND_MS,
);
