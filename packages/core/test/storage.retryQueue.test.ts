/**
 * Uploads use the client's one retry engine (`retry` config, `onRetry`) and share the client's one
 * upload queue (`uploadConcurrency`) across `storage.upload`, `transformInput` and `UploadObserver`.
 */
import { type ApiError, createFalClient, type FalClientConfig, type RetryInfo } from '@falkit/core';
import { UploadObserver } from '@falkit/core/observers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_ORIGIN, setup } from './helpers/emulatorClient';

const KiB = 1024;
const { emulator, fetch: emulatorFetch } = setup();
let retries: RetryInfo[];

beforeEach(() => {
  emulator.reset();
  retries = [];
});
afterEach(() => emulator.faults.clear());

/** A client on the shared emulator; `config` is loose so bad values can be tried. */
function client(config: Record<string, unknown> = {}) {
  return createFalClient({
    credentials: 'test-key',
    baseUrl: EMULATOR_ORIGIN,
    fetch: emulatorFetch,
    onRetry: (info) => retries.push(info),
    ...config,
  } as FalClientConfig);
}

const puts = (pattern: RegExp) =>
  emulator.requests().filter((entry) => entry.method === 'PUT' && pattern.test(entry.path));

describe('uploads follow the client retry config', () => {
  it('does not retry a 503 single PUT when 503 is not retryable', async () => {
    emulator.faults.add({ method: 'PUT', host: 'v3.fal.media', type: 'status', status: 503, times: 1 });
    const fal = client({ retry: { retryableStatusCodes: [429], baseDelay: 1 } });
    const failure = await fal.storage.upload(new Blob(['x'])).catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(503);
    expect(puts(/./)).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('does not retry a 503 part PUT when 503 is not retryable', async () => {
    emulator.faults.add({ method: 'PUT', path: '/multipart/*/2', type: 'status', status: 503, times: 1 });
    const fal = client({ retry: { retryableStatusCodes: [429], baseDelay: 1 } });
    const failure = await fal.storage
      .upload(new Blob([new Uint8Array(300 * KiB)]), { multipartThreshold: 100 * KiB, partSize: 100 * KiB })
      .catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(503);
    expect(puts(/\/multipart\/[^/]+\/2$/)).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('calls config.onRetry before every retry: initiate, single PUT and multipart part', async () => {
    const fal = client({ retry: { baseDelay: 1, maxDelay: 1 } });
    emulator.faults.add({
      method: 'POST',
      path: '/storage/upload/initiate',
      type: 'status',
      status: 503,
      times: 1,
    });
    emulator.faults.add({ method: 'PUT', host: 'v3.fal.media', type: 'status', status: 503, times: 1 });
    await fal.storage.upload(new Blob(['single']));
    expect(retries.map((info) => [info.attempt, info.method, (info.error as ApiError).status])).toEqual([
      [1, 'POST', 503],
      [1, 'PUT', 503],
    ]);
    expect(retries[0]!.url).toMatch(/^https:\/\/rest\.fal\.ai\/storage\/upload\/initiate\?/);
    expect(retries[1]!.url).toMatch(/\/v3\.fal\.media\/[^?]+$/);

    retries = [];
    emulator.faults.add({ method: 'PUT', path: '/multipart/*/3', type: 'status', status: 502, times: 2 });
    await fal.storage.upload(new Blob([new Uint8Array(400 * KiB)]), {
      multipartThreshold: 100 * KiB,
      partSize: 100 * KiB,
    });
    expect(retries.map((info) => [info.attempt, info.method, (info.error as ApiError).status])).toEqual([
      [1, 'PUT', 502],
      [2, 'PUT', 502],
    ]);
    expect(retries[0]!.url).toMatch(/\/multipart\/[^/]+\/3(\?|$)/);
    expect(puts(/\/multipart\/[^/]+\/3$/).map((entry) => entry.status)).toEqual([502, 502, 200]);
  });

  it('a per-upload retry option overrides the config for that upload only', async () => {
    const fal = client({ retry: { retryableStatusCodes: [429] } });
    emulator.faults.add({ method: 'PUT', host: 'v3.fal.media', type: 'status', status: 503, times: 1 });
    await fal.storage.upload(new Blob(['x']), { retry: { retryableStatusCodes: [503], baseDelay: 1 } });
    expect(puts(/./).map((entry) => entry.status)).toEqual([503, 200]);
    expect(retries).toHaveLength(1);
  });
});

/** Holds every signed PUT until released, counting how many the server side has in flight at once. */
function gatedPuts(inner: typeof fetch) {
  const held: Array<() => void> = [];
  const waiters: Array<() => void> = [];
  const stats = { inFlight: 0, max: 0, total: 0 };
  const fetchFn: typeof fetch = async (input, init) => {
    if (init?.method !== 'PUT') return inner(input, init);
    stats.total++;
    stats.inFlight++;
    stats.max = Math.max(stats.max, stats.inFlight);
    try {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        for (const wake of waiters.splice(0)) wake();
      });
      return await inner(input, init);
    } finally {
      stats.inFlight--;
    }
  };
  /** Resolves once `count` PUTs are being held (event driven, no polling). */
  const whenHeld = async (count: number) => {
    while (held.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const releaseOne = () => held.shift()?.();
  return { fetch: fetchFn, stats, whenHeld, releaseOne, held };
}

describe('one upload queue per client', () => {
  it('storage.upload, transformInput and UploadObserver share the limit (default 3)', async () => {
    const gate = gatedPuts(emulatorFetch);
    const fal = client({ fetch: gate.fetch });
    const files = Array.from({ length: 8 }, (_, i) => new File([`file ${i}`], `f${i}.txt`));
    const observer = new UploadObserver(fal, { throttle: 0 });
    const off = observer.subscribe(() => {});
    const all = Promise.all([
      fal.storage.upload(files[0]!),
      fal.storage.upload(files[1]!),
      fal.storage.upload(files[2]!),
      fal.storage.transformInput({ a: files[3], b: [files[4], files[5]] }),
      observer.upload([files[6]!, files[7]!]),
    ]);
    let finished = 0;
    while (finished < 8) {
      await gate.whenHeld(Math.min(3, 8 - finished));
      gate.releaseOne();
      finished++;
    }
    const [a, b, c, input, observed] = await all;
    off();
    expect([a, b, c, input.a, ...input.b, ...observed].every((url) => typeof url === 'string')).toBe(true);
    expect(gate.stats.total).toBe(8);
    expect(gate.stats.max).toBe(3);
  });

  it('multipart parts take slots from the same queue; uploadConcurrency sets the limit', async () => {
    const gate = gatedPuts(emulatorFetch);
    const fal = client({ fetch: gate.fetch, uploadConcurrency: 2 });
    const big = fal.storage.upload(new Blob([new Uint8Array(400 * KiB)]), {
      multipartThreshold: 100 * KiB,
      partSize: 100 * KiB,
      concurrency: 4,
    });
    const small = fal.storage.upload(new Blob(['small']));
    let finished = 0;
    while (finished < 5) {
      await gate.whenHeld(Math.min(2, 5 - finished));
      gate.releaseOne();
      finished++;
    }
    await Promise.all([big, small]);
    expect(gate.stats.total).toBe(5);
    expect(gate.stats.max).toBe(2);
  });

  it('an upload waiting in the queue is dropped at once when aborted, sending nothing', async () => {
    const gate = gatedPuts(emulatorFetch);
    const fal = client({ fetch: gate.fetch, uploadConcurrency: 1 });
    const first = fal.storage.upload(new Blob(['first']));
    await gate.whenHeld(1);
    const controller = new AbortController();
    const second = fal.storage.upload(new Blob(['second']), { signal: controller.signal });
    // Let it reach the queue (module loaded, waiting for the slot) before aborting.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    gate.releaseOne();
    await first;
    expect(gate.stats.total).toBe(1);
    expect(emulator.requests().filter((entry) => entry.path.includes('initiate'))).toHaveLength(1);
  });

  it('an UploadObserver file waiting for a slot is pending, then uploading once it has one', async () => {
    const gate = gatedPuts(emulatorFetch);
    const fal = client({ fetch: gate.fetch, uploadConcurrency: 1 });
    const first = fal.storage.upload(new Blob(['first']));
    await gate.whenHeld(1);
    const observer = new UploadObserver(fal, { throttle: 0 });
    const off = observer.subscribe(() => {});
    const done = observer.upload(new File(['queued'], 'queued.txt'));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(observer.getSnapshot().status).toBe('uploading');
    expect(observer.getSnapshot().files.map((file) => file.status)).toEqual(['pending']);
    gate.releaseOne();
    await first;
    await gate.whenHeld(1);
    expect(observer.getSnapshot().files.map((file) => file.status)).toEqual(['uploading']);
    gate.releaseOne();
    await expect(done).resolves.toHaveLength(1);
    expect(observer.getSnapshot().files.map((file) => file.status)).toEqual(['success']);
    off();
  });

  it('rejects a bad uploadConcurrency when the client is created', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '3']) {
      expect(() => client({ uploadConcurrency: bad })).toThrowError(/uploadConcurrency/);
    }
  });
});
