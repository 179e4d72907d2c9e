import {
  ApiError,
  FalError,
  FalInputError,
  type FalEndpoint,
  type FalStream,
  NetworkError,
  TimeoutError,
  ValidationError,
} from '@falkit/core';
import { missingField } from '@falkit/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningEmulator, rechunkingFetch, startEmulator } from './support/startEmulator';

let env: RunningEmulator;

beforeAll(async () => {
  env = await startEmulator();
  env.emulator.app('test/count', async function* (ctx) {
    const { n } = ctx.input as { n: number };
    for (let i = 0; i < n; i++) yield { i };
  });
  env.emulator.app('test/values', async function* (ctx) {
    for (const value of (ctx.input as { values: unknown[] }).values) yield value;
  });
  // Yields one event, then waits until the caller goes away (or `release()` is called).
  env.emulator.app('test/hang', async function* (ctx) {
    yield { started: true };
    await new Promise<void>((resolve) => {
      hangReleases.push(resolve);
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    hangAborted.push(ctx.signal.aborted);
  });
  env.emulator.app('test/validate', async (ctx) => {
    if (!(ctx.input as { prompt?: string }).prompt) throw missingField('prompt');
    return { ok: true };
  });
});
afterAll(() => env.close());
afterEach(() => {
  vi.useRealTimers();
  env.emulator.faults.clear();
});

const hangReleases: Array<() => void> = [];
const hangAborted: boolean[] = [];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('stream', () => {
  it('delivers every event through for await, in order, and done() resolves with the last', async () => {
    const stream = await env
      .client()
      .stream<FalEndpoint<{ n: number }, { i: number }>>('test/count', { input: { n: 3000 } });
    const events = await collect(stream);
    expect(events).toHaveLength(3000);
    expect(events.every((event, index) => event.i === index)).toBe(true);
    await expect(stream.done()).resolves.toEqual({ i: 2999 });
    expect(stream.requestId).not.toBe('');
  });

  it('calls data and done listeners and exposes the request id', async () => {
    const stream = await env.client().stream('test/count', { input: { n: 5 } });
    const seen: unknown[] = [];
    const finals: unknown[] = [];
    stream.on('data', (event) => seen.push(event));
    stream.on('done', (event) => finals.push(event));
    const result = await stream.done();
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
    expect(finals).toEqual([{ i: 4 }]);
    expect(result).toEqual({ i: 4 });
    const log = env.emulator.requests().filter((entry) => entry.requestId === stream.requestId);
    expect(log).toHaveLength(1);
    expect(log[0]?.path).toMatch(/test\/count\/stream$/);
  });

  it('keeps falsy events', async () => {
    const values = [0, null, false, '', { last: true }];
    const stream = await env.client().stream('test/values', { input: { values } });
    expect(await collect(stream)).toEqual(values);
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const values = ['héllo wörld', '日本語のテキスト', '🎉🚀 emoji', { text: 'ñandú' }];
    const client = env.client({ fetch: rechunkingFetch(1) });
    const stream = await client.stream('test/values', { input: { values } });
    expect(await collect(stream)).toEqual(values);
  });

  it('does not double /stream and sends the input as JSON', async () => {
    const stream = await env.client().stream('test/values/stream', { input: { values: [1] } });
    await stream.done();
    const entry = env.emulator.requests().find((item) => item.requestId === stream.requestId);
    expect(entry?.path).toMatch(/test\/values\/stream$/);
  });

  it('throws a non-JSON event inside the loop after the events before it', async () => {
    env.emulator.faults.add({ path: '**/stream', type: 'corrupt', afterEvents: 2 });
    const stream = await env.client().stream('test/count', { input: { n: 10 } });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const event of stream) seen.push(event);
      })(),
    ).rejects.toBeInstanceOf(FalError);
    expect(seen).toEqual([{ i: 0 }, { i: 1 }]);
    await expect(stream.done()).rejects.toBeInstanceOf(FalError);
  });

  it('rejects the loop and done() when the connection drops, without unhandled rejections', async () => {
    env.emulator.faults.add({ path: '**/stream', type: 'truncate', afterEvents: 1, abrupt: true });
    const stream = await env.client().stream('test/count', { input: { n: 10 } });
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(error));
    const failure = await collect(stream).catch((error: unknown) => error);
    // A reset mid-body (undici: `terminated`), not the empty-body ApiError of a clean end.
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).message).toMatch(/^terminated/);
    await expect(stream.done()).rejects.toBe(failure);
    expect(errors).toEqual([failure]);
  });

  it('turns a non-2xx answer into ValidationError / ApiError', async () => {
    const stream = await env.client().stream('test/validate', { input: {} });
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(error));
    const failure = await stream.done().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).getFieldErrors('prompt')).toHaveLength(1);
    expect(errors).toEqual([failure]);
    await expect(collect(stream)).rejects.toBe(failure);
  });

  it('reports an empty body as ApiError 400', async () => {
    const emptyFetch: typeof fetch = async () =>
      new Response('', { status: 200, headers: { 'content-type': 'text/event-stream' } });
    const stream = await env.client({ fetch: emptyFetch }).stream('test/count', { input: { n: 1 } });
    const failure = await stream.done().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(400);
  });

  it('never retries an answer (no second run), but retries a connection dropped before any answer', async () => {
    env.emulator.faults.add({ path: '**/stream', method: 'POST', type: 'status', status: 503, times: 1 });
    env.emulator.clearRequests();
    const failed = await env.client().stream('test/count', { input: { n: 2 } });
    await expect(failed.done()).rejects.toMatchObject({ status: 503 });
    expect(env.emulator.requests().filter((entry) => entry.path.endsWith('/stream'))).toHaveLength(1);

    env.emulator.faults.add({ path: '**/stream', method: 'POST', type: 'drop', times: 1 });
    const client = env.client({ retry: { operations: { stream: { baseDelay: 1, maxDelay: 1 } } } });
    const retried = await client.stream('test/count', { input: { n: 2 } });
    await expect(retried.done()).resolves.toEqual({ i: 1 });
  });

  it('break aborts the request and the server job', async () => {
    const before = hangAborted.length;
    const stream = await env.client().stream('test/hang', { input: {} });
    for await (const event of stream) {
      expect(event).toEqual({ started: true });
      break;
    }
    expect(stream.signal.aborted).toBe(true);
    await expect(stream.done()).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
    await vi.waitFor(() => expect(hangAborted.length).toBe(before + 1));
    expect(hangAborted.at(-1)).toBe(true);
  });

  it('keeps reading while another loop is still iterating', async () => {
    const stream = await env.client().stream('test/count', { input: { n: 50 } });
    const first = stream[Symbol.asyncIterator]();
    const second = stream[Symbol.asyncIterator]();
    expect((await first.next()).value).toEqual({ i: 0 });
    await first.return?.();
    const rest: unknown[] = [];
    for (let step = await second.next(); !step.done; step = await second.next()) rest.push(step.value);
    expect(rest).toHaveLength(50);
    await expect(stream.done()).resolves.toEqual({ i: 49 });
  });

  it('abort() rejects done() and the loop with AbortError; your signal does the same', async () => {
    const stream = await env.client().stream('test/hang', { input: {} });
    const loop = collect(stream);
    stream.abort();
    await expect(loop).rejects.toMatchObject({ name: 'AbortError' });
    await expect(stream.done()).rejects.toMatchObject({ name: 'AbortError' });

    const controller = new AbortController();
    const second = await env.client().stream('test/hang', { input: {}, signal: controller.signal });
    const firstEvent = new Promise((resolve) => second.on('data', resolve));
    await firstEvent;
    controller.abort();
    await expect(second.done()).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
  });

  it('fails with TimeoutError when nothing arrives within the idle timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stream = await env.client().stream('test/hang', { input: {}, timeout: 5_000 });
    let started = false;
    stream.on('data', () => {
      started = true;
    });
    const failure = stream.done().catch((error: unknown) => error);
    // waitFor advances the fake clock by its interval while it polls: well under the timeout.
    await vi.waitFor(() => expect(started).toBe(true), { interval: 10 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(stream.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(await failure).toBeInstanceOf(TimeoutError);
    expect(stream.signal.aborted).toBe(true);
    vi.useRealTimers();
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
  });

  it('does not lose events when a slow loop falls behind (reading pauses instead)', async () => {
    const stream = await env.client().stream('test/count', { input: { n: 2500 } });
    let count = 0;
    for await (const _ of stream) {
      count++;
      if (count % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(count).toBe(2500);
  });

  it('a loop started after the stream ended finishes at once; done() still has the result', async () => {
    const stream = await env.client().stream('test/count', { input: { n: 3 } });
    await stream.done();
    expect(await collect(stream)).toEqual([]);
    await expect(stream.done()).resolves.toEqual({ i: 2 });
  });

  it('a throwing data listener fails the stream with that error', async () => {
    const stream = await env.client().stream('test/count', { input: { n: 3 } });
    const boom = new Error('listener bug');
    stream.on('data', () => {
      throw boom;
    });
    await expect(stream.done()).rejects.toBe(boom);
  });

  it('delivers raw bytes for a non-SSE response', async () => {
    const bytes = new Uint8Array(200_000).map((_, index) => index % 251);
    const client = env.client();
    const fileUrl = await client.storage.upload(new Blob([bytes], { type: 'application/octet-stream' }));
    const stream = await client.stream('test/raw', { url: fileUrl, method: 'get' });
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream as FalStream<unknown, Uint8Array>) chunks.push(chunk);
    const joined = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    expect(joined.length).toBe(bytes.length);
    expect(Buffer.compare(joined, bytes)).toBe(0);
  });

  it('rejects bad options and endpoint ids before sending anything', async () => {
    const client = env.client();
    const before = env.emulator.requests().length;
    await expect(client.stream('not-an-id', { input: {} })).rejects.toBeInstanceOf(FalInputError);
    await expect(client.stream('test/count', { input: {}, timeout: 0 })).rejects.toBeInstanceOf(
      FalInputError,
    );
    await expect(client.stream('test/count', { input: {}, timeout: Number.NaN })).rejects.toBeInstanceOf(
      FalInputError,
    );
    await expect(
      client.stream('test/count', { input: {}, connectionMode: 'browser' as 'client' }),
    ).rejects.toBeInstanceOf(FalInputError);
    await expect(client.stream('test/count', { input: { f: () => 1 } })).rejects.toBeInstanceOf(
      FalInputError,
    );
    expect(env.emulator.requests().length).toBe(before);
  });

  it('uploads Blobs in the input before streaming', async () => {
    const stream = await env.client().stream('test/values', {
      input: { values: [new Blob(['hi'], { type: 'text/plain' })] },
    });
    const [url] = await collect(stream);
    expect(typeof url).toBe('string');
    expect(await (await fetch(url as string)).text()).toBe('hi');
  });

  it('client mode sends a fal_jwt_token and no Authorization header', async () => {
    const seen: Array<{ url: string; auth: string | null }> = [];
    const spy: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, auth: request.headers.get('authorization') });
      return fetch(request);
    };
    const stream = await env.client({ fetch: spy }).stream('test/count', {
      input: { n: 2 },
      connectionMode: 'client',
    });
    await expect(stream.done()).resolves.toEqual({ i: 1 });
    const streamCall = seen.find((call) => call.url.includes('/stream'));
    expect(streamCall?.url).toContain('fal_jwt_token=');
    expect(streamCall?.auth).toBeNull();
    expect(seen.some((call) => call.url.includes('rest.fal.ai/tokens'))).toBe(true);
  });
});
