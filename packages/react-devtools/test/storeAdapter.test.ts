// @vitest-environment node
import { createFalClient } from '@falkit/core';
import { FalStore } from '@falkit/core/observers';
import { createEmulator } from '@falkit/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import type { DevtoolsEntry, DevtoolsSource } from '../src/devtoolsEntry';
import { createStoreSource } from '../src/storeAdapter';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A store over an in-process emulator with `test/hold`: a job that runs until `release()`. */
function setup() {
  const emulator = createEmulator({ speed: 0, workers: 1 });
  const waiting: Array<() => void> = [];
  emulator.app('test/hold', async ({ input, signal }) => {
    await new Promise<void>((resolve, reject) => {
      waiting.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    return { echoed: input };
  });
  const client = createFalClient({
    credentials: 'test-key',
    baseUrl: 'http://emulator.test',
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  const store = new FalStore({ client });
  const source = createStoreSource(store, { notifyIntervalMs: 0 });
  cleanups.push(() => {
    source.dispose();
    store.clear();
  });
  const submits = () =>
    emulator.requests().filter((entry) => entry.method === 'POST' && entry.host === 'queue.fal.run').length;
  return { emulator, store, source, release: () => waiting.shift()?.(), waiting, submits };
}

/** Resolves with the entries once `predicate` holds (checked on every change the source reports). */
function entriesWhen(
  source: DevtoolsSource,
  predicate: (entries: readonly DevtoolsEntry[]) => boolean,
): Promise<readonly DevtoolsEntry[]> {
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate(source.getEntries())) return false;
      unsubscribe();
      resolve(source.getEntries());
      return true;
    };
    const unsubscribe = source.subscribe(check);
    check();
  });
}

const withStatus = (status: string) => (entries: readonly DevtoolsEntry[]) =>
  entries.some((entry) => entry.status === status);

describe('createStoreSource over a FalStore', () => {
  it('lists every request the store keeps, live, with the hooks’ status words and facts', async () => {
    const { store, source, release } = setup();
    expect(source.getEntries()).toEqual([]);
    const key = store.prefetch('test/hold', { prompt: 'one' }, { logs: true });
    const running = await entriesWhen(source, withStatus('in_progress'));
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({
      kind: 'queue',
      endpointId: 'test/hold',
      input: { prompt: 'one' },
      observers: 0,
      options: { logs: true },
    });
    expect(running[0]!.requestId).toEqual(expect.any(String));
    expect(running[0]!.submittedAt).toEqual(expect.any(Number));
    release();
    const [done] = await entriesWhen(source, withStatus('success'));
    expect(done).toMatchObject({ status: 'success', output: { echoed: { prompt: 'one' } }, key: await key });
    expect(done!.completedAt).toBeGreaterThanOrEqual(done!.submittedAt!);
    // Finished and unobserved: the store keeps it for its gcTime (5 minutes by default).
    expect(done!.gcExpiresAt! - Date.now()).toBeGreaterThan(4 * 60_000);
  });

  it('keeps the queue positions a request went through, newest entries first', async () => {
    const { store, source, release } = setup();
    void store.prefetch('test/hold', { n: 1 });
    await entriesWhen(source, withStatus('in_progress'));
    void store.prefetch('test/hold', { n: 2 });
    void store.prefetch('test/hold', { n: 3 });
    const queued = await entriesWhen(source, (entries) => entries[0]?.queueHistory.length === 1);
    expect(queued.map((entry) => entry.input)).toEqual([{ n: 3 }, { n: 2 }, { n: 1 }]);
    expect(queued[0]!.queueHistory.map((point) => point.position)).toEqual([1]);
    release();
    const moved = await entriesWhen(source, (entries) => entries[0]!.queueHistory.length === 2);
    expect(moved[0]!.queueHistory.map((point) => point.position)).toEqual([1, 0]);
    release();
    release();
  });

  it('cancels a running job on the server and shows it cancelled', async () => {
    const { emulator, store, source } = setup();
    void store.prefetch('test/hold', { cancel: 'me' });
    const [running] = await entriesWhen(source, withStatus('in_progress'));
    await source.cancel(running!.key);
    await entriesWhen(source, (entries) => entries.every((entry) => entry.status === 'cancelled'));
    expect(emulator.jobs().map((job) => job.status)).toEqual(['CANCELLED']);
  });

  it('shows retries and the last retry reason when the server answers 503 first', async () => {
    const { emulator, store, source, release } = setup();
    emulator.faults.add({
      type: 'status',
      status: 503,
      retryAfter: 0,
      method: 'GET',
      path: '/test/hold/requests/*/status',
      times: 2,
    });
    void store.prefetch('test/hold', {}, { mode: 'polling' });
    const [running] = await entriesWhen(source, withStatus('in_progress'));
    expect(running!.attempts).toBe(2);
    expect(running!.lastRetryReason).toMatch(/503|unavailable/i);
    release();
    await entriesWhen(source, withStatus('success'));
  });

  it('re-submits a finished request as a new submit, and removes one from the store', async () => {
    const { store, source, release, submits } = setup();
    void store.prefetch('test/hold', { again: true });
    await entriesWhen(source, withStatus('in_progress'));
    release();
    const [done] = await entriesWhen(source, withStatus('success'));
    const resubmitted = source.resubmit(done!.key);
    await entriesWhen(source, withStatus('in_progress'));
    expect(submits()).toBe(2);
    release();
    await resubmitted;
    const [again] = await entriesWhen(source, withStatus('success'));
    expect(again!.requestId).not.toBe(done!.requestId);
    source.remove(again!.key);
    await entriesWhen(source, (entries) => entries.length === 0);
    expect(store.getAll()).toEqual([]);
  });

  it('counts the observers following a request', async () => {
    const { store, source, release } = setup();
    const fetched = store.fetch('test/hold', { watched: true });
    const [running] = await entriesWhen(source, withStatus('in_progress'));
    expect(running!.observers).toBe(1);
    release();
    await fetched;
    const [done] = await entriesWhen(source, withStatus('success'));
    expect(done!.observers).toBe(0);
  });

  it('stops listening on dispose', async () => {
    const { store, source } = setup();
    let changes = 0;
    source.subscribe(() => changes++);
    (source as ReturnType<typeof createStoreSource>).dispose();
    await store.prefetch('falkit/echo', { after: 'dispose' });
    expect(changes).toBe(0);
  });
});
