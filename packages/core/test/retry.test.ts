import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError, type RetryInfo, isRetryableError } from '@falkit/core';
import { TIMERS_ONLY } from './helpers/gatedApp';
import { requestLines, setup } from './helpers/emulatorClient';

const retries: RetryInfo[] = [];
const { emulator, client } = setup({ client: { onRetry: (info) => retries.push(info) } });

beforeEach(() => {
  emulator.reset();
  retries.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

async function submitted() {
  const queued = await client.queue.submit('falkit/echo', { input: { a: 1 } });
  // Also loads the lazily imported queue modules before a test fakes the timers.
  await client.queue.subscribeToStatus('falkit/echo', { requestId: queued.request_id });
  await client.queue.result('falkit/echo', { requestId: queued.request_id });
  emulator.clearRequests();
  return queued.request_id;
}

describe('Retry-After', () => {
  test('status retries a 503 after exactly the Retry-After seconds', async () => {
    const requestId = await submitted();
    vi.useFakeTimers(TIMERS_ONLY);
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status',
      type: 'status',
      status: 503,
      retryAfter: 2,
    });
    const pending = client.queue.status('falkit/echo', { requestId });
    await vi.advanceTimersByTimeAsync(1999);
    expect(emulator.requests()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ status: 'COMPLETED' });
    expect(emulator.requests()).toHaveLength(2);
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 2000, method: 'GET' })]);
    expect(retries[0]?.url).toMatch(
      /^https:\/\/queue\.fal\.run\/falkit\/echo\/requests\/.+\/status\?logs=0$/,
    );
  });

  test('an HTTP-date Retry-After is honoured too, and long ones are capped at maxRetryAfter', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    emulator.faults.add({
      host: 'fal.run',
      type: 'status',
      status: 429,
      headers: { 'retry-after': 'Tue, 01 Jan 2030 00:00:05 GMT' },
    });
    emulator.faults.add({ host: 'fal.run', type: 'status', status: 429, retryAfter: 3600 });
    const pending = client.run('falkit/echo', { input: {} });
    await vi.advanceTimersByTimeAsync(5000);
    expect(retries.map((info) => info.delayMs)).toEqual([5000, 60_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(pending).resolves.toMatchObject({ data: {} });
  });
});

describe('backoff', () => {
  test('exponential from the operation base delay, without jitter when disabled', async () => {
    const plain = setup({ client: { retry: { enableJitter: false } } });
    vi.useFakeTimers(TIMERS_ONLY);
    plain.emulator.faults.add({ host: 'fal.run', type: 'ingress', status: 503, times: 3 });
    const delays: number[] = [];
    const pending = plain.client.run('falkit/echo', {
      input: {},
      onRetry: (info) => delays.push(info.delayMs),
    });
    await vi.advanceTimersByTimeAsync(3500);
    await expect(pending).resolves.toMatchObject({ data: {} });
    // run: base 500 ms, doubling.
    expect(delays).toEqual([500, 1000, 2000]);
  });

  test('±25 % jitter around the exponential delay', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    const requestId = await submitted();
    emulator.faults.add({ host: 'queue.fal.run', path: '**/status', type: 'ingress', status: 502, times: 4 });
    const pending = client.queue.status('falkit/echo', { requestId });
    await vi.advanceTimersByTimeAsync(30_000);
    await pending;
    const delays = retries.map((info) => info.delayMs);
    expect(delays).toHaveLength(4);
    delays.forEach((delay, attempt) => {
      expect(delay).toBeGreaterThanOrEqual(1000 * 2 ** attempt * 0.75);
      expect(delay).toBeLessThanOrEqual(1000 * 2 ** attempt * 1.25);
    });
  });

  test('gives up after maxRetries and throws the last error', async () => {
    const limited = setup({ client: { retry: { maxRetries: 1, baseDelay: 10 } } });
    limited.emulator.faults.add({ host: 'fal.run', type: 'status', status: 503, times: Infinity });
    const error = await limited.client.run('falkit/echo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(limited.emulator.requests()).toHaveLength(2);
  });

  test('retry: false and per-operation overrides', async () => {
    const off = setup({ client: { retry: false } });
    off.emulator.faults.add({ host: 'fal.run', type: 'status', status: 503, times: Infinity });
    await expect(off.client.run('falkit/echo')).rejects.toMatchObject({ status: 503 });
    expect(off.emulator.requests()).toHaveLength(1);

    const perOp = setup({
      client: { retry: { baseDelay: 1, operations: { run: false, status: { maxRetries: 1 } } } },
    });
    perOp.emulator.faults.add({ host: 'fal.run', type: 'status', status: 503, times: Infinity });
    await expect(perOp.client.run('falkit/echo')).rejects.toMatchObject({ status: 503 });
    expect(perOp.emulator.requests()).toHaveLength(1);
  });

  test('4xx other than 429 is never retried; status retries 500 but run does not', async () => {
    emulator.faults.add({ host: 'fal.run', type: 'status', status: 500 });
    await expect(client.run('falkit/echo')).rejects.toMatchObject({ status: 500 });
    expect(retries).toEqual([]);
    emulator.faults.add({ host: 'fal.run', type: 'status', status: 400 });
    await expect(client.run('falkit/echo')).rejects.toMatchObject({ status: 400 });
    expect(retries).toEqual([]);
  });
});

describe('transport errors', () => {
  test('a dropped connection is retried for status, result and run', async () => {
    const requestId = await submitted();
    const fast = setup({ client: { retry: { baseDelay: 1 } } });
    fast.emulator.faults.add({ host: 'fal.run', type: 'drop' });
    await expect(fast.client.run('falkit/echo', { input: { x: 1 } })).resolves.toMatchObject({
      data: { x: 1 },
    });
    expect(fast.emulator.requests().map((entry) => entry.status)).toEqual([0, 200]);

    vi.useFakeTimers(TIMERS_ONLY);
    emulator.faults.add({ host: 'queue.fal.run', type: 'drop', times: 2 });
    const pending = client.queue.result('falkit/echo', { requestId });
    await vi.advanceTimersByTimeAsync(5000);
    await expect(pending).resolves.toMatchObject({ data: { a: 1 }, requestId });
    expect(emulator.requests().map((entry) => entry.status)).toEqual([0, 0, 200]);
  });

  test('isRetryableError classifies like the official helper', () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(isRetryableError(reset, [429])).toBe(true);
    expect(isRetryableError(new TypeError('fetch failed'), [])).toBe(true);
    expect(isRetryableError(new DOMException('aborted', 'AbortError'), [])).toBe(false);
    expect(isRetryableError(new Error('boom'), [])).toBe(false);
    const tooMany = new ApiError({ message: 'x', status: 429 });
    expect(isRetryableError(tooMany, [429])).toBe(true);
    expect(isRetryableError(tooMany, [503])).toBe(false);
    const userTimeout = new ApiError({ message: 'x', status: 504, timeoutType: 'user' });
    expect(isRetryableError(userTimeout, [504])).toBe(false);
  });
});

describe('submit never creates duplicate jobs', () => {
  test('retried: 429 and ingress 502/503/504 pages (no x-fal-request-id: fal never saw it)', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    emulator.faults.add({
      host: 'queue.fal.run',
      method: 'POST',
      type: 'status',
      status: 429,
      retryAfter: 1,
    });
    emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'ingress', status: 502 });
    emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'ingress', status: 504 });
    const pending = client.queue.submit('falkit/echo', { input: {} });
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(pending).resolves.toMatchObject({ status: 'IN_QUEUE' });
    expect(emulator.requests().map((entry) => entry.status)).toEqual([429, 502, 504, 200]);
    expect(emulator.jobs()).toHaveLength(1);
  });

  test('not retried: a 5xx from fal itself (has x-fal-request-id) or a connection dropped after sending', async () => {
    emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'status', status: 503 });
    await expect(client.queue.submit('falkit/echo', { input: {} })).rejects.toMatchObject({ status: 503 });
    expect(emulator.requests()).toHaveLength(1);

    emulator.reset();
    emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'drop', after: true });
    const error = await client.queue.submit('falkit/echo', { input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    // The job exists (the response was lost): a blind retry would have created a second one.
    expect(emulator.jobs()).toHaveLength(1);
    expect(emulator.requests()).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  test('subscribe surfaces the lost submit instead of retrying it', async () => {
    emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'drop', after: true });
    await expect(client.subscribe('falkit/echo', { input: {} })).rejects.toBeInstanceOf(TypeError);
    expect(emulator.jobs()).toHaveLength(1);
    expect(requestLines(emulator)).toEqual(['POST queue.fal.run/falkit/echo']);
  });
});

describe('aborting a retry sleep', () => {
  test('rejects at once with AbortError and clears the timer', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    emulator.faults.add({ host: 'fal.run', type: 'status', status: 503, retryAfter: 60 });
    const controller = new AbortController();
    const pending = client.run('falkit/echo', { abortSignal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(retries).toHaveLength(1);
    controller.abort();
    const error = await pending;
    expect((error as DOMException).name).toBe('AbortError');
    expect(vi.getTimerCount()).toBe(0);
    expect(emulator.requests()).toHaveLength(1);
  });
});
