import {
  ApiError,
  type FalClient,
  FalInputError,
  type TimeoutError,
  type RealtimeClient,
  type RealtimeConnection,
  type RealtimeConnectionHandler,
  fal,
} from '@falkit/core';
import { type WebSocketConstructor, createRealtimeClient } from '@falkit/core/realtime';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

const WS = WebSocket as unknown as WebSocketConstructor;

let env: RunningEmulator;
const closers: (() => void)[] = [];

beforeAll(async () => {
  env = await startEmulator({ key: 'test-key', realtimeTimeoutMs: 60_000 });
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
  env.emulator.faults.clear();
});
afterAll(() => env.close());

/** Collects results and errors; `next()` waits for the next one. */
function collector() {
  const results: unknown[] = [];
  const errors: ApiError[] = [];
  let wake: (() => void) | undefined;
  const push =
    <T>(list: T[]) =>
    (value: T) => {
      list.push(value);
      wake?.();
    };
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => (wake = resolve));
  };
  return {
    results,
    errors,
    onResult: push(results),
    onError: push(errors),
    results$: (count: number) => until(() => results.length >= count),
    errors$: (count: number) => until(() => errors.length >= count),
  };
}

function wsRequests(path: string) {
  return env.emulator.requests().filter((entry) => entry.path === path);
}

describe('realtime.connect against the emulator', () => {
  test('first send fetches a token for the alias, connects and delivers results', async () => {
    env.emulator.clearRequests();
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const got = collector();
    const connection = realtime.connect('falkit/echo', { onResult: got.onResult, onError: got.onError });
    closers.push(connection.close);
    expect(env.emulator.requests()).toHaveLength(0);
    connection.send({ prompt: 'hi', request_id: 'r1' });
    await got.results$(1);
    expect(got.results).toEqual([{ prompt: 'hi', request_id: 'r1' }]);
    connection.send({ prompt: 'again' });
    await got.results$(2);
    expect(got.results[1]).toEqual({ prompt: 'again' });
    expect(got.errors).toEqual([]);
    const log = env.emulator.requests();
    expect(log.map((entry) => [entry.method, entry.host, entry.path, entry.status])).toEqual([
      ['POST', 'rest.fal.ai', '/tokens/', 201],
      ['GET', 'fal.run', '/falkit/echo/realtime', 101],
    ]);
    expect(log[1]!.url).toMatch(/fal_jwt_token=/);
  });

  test('while connecting only the latest message is kept', async () => {
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const got = collector();
    const connection = realtime.connect('falkit/echo', { onResult: got.onResult, throttleInterval: 0 });
    closers.push(connection.close);
    for (const n of [1, 2, 3]) connection.send({ n });
    await got.results$(1);
    connection.send({ marker: true });
    await got.results$(2);
    // Ordered on one socket: nothing but the latest came before the marker.
    expect(got.results).toEqual([{ n: 3 }, { marker: true }]);
  });

  test('connectionKey shares one socket and the latest callbacks; path and maxBuffering reach the URL', async () => {
    env.emulator.clearRequests();
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const first = collector();
    const second = collector();
    const a = realtime.connect('falkit/echo', {
      connectionKey: 'shared',
      onResult: first.onResult,
      path: '/ws',
      maxBuffering: 2,
    });
    closers.push(a.close);
    a.send({ from: 'a' });
    await first.results$(1);
    const b = realtime.connect('falkit/echo', {
      connectionKey: 'shared',
      onResult: second.onResult,
      path: '/ws',
      maxBuffering: 2,
    });
    b.send({ from: 'b' });
    await second.results$(1);
    expect(second.results).toEqual([{ from: 'b' }]);
    const sockets = wsRequests('/falkit/echo/ws');
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.url).toMatch(/max_buffering=2/);
  });

  test('tokenProvider replaces the token request and receives owner/alias/path', async () => {
    env.emulator.clearRequests();
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const issue = vi.fn(async (app: string) => {
      const response = await fetch(`${env.url}/rest.fal.ai/tokens/`, {
        method: 'POST',
        headers: { authorization: 'Key test-key', 'content-type': 'application/json' },
        body: JSON.stringify({ allowed_apps: ['echo'] }),
      });
      void app;
      return (await response.json()) as string;
    });
    const got = collector();
    const connection = realtime.connect('falkit/echo', { onResult: got.onResult, tokenProvider: issue });
    closers.push(connection.close);
    connection.send({ ok: 1 });
    await got.results$(1);
    expect(issue).toHaveBeenCalledWith('falkit/echo/realtime');
  });

  test('x-fal-error other than TIMEOUT reaches onError with status 400 and the socket stays up', async () => {
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const got = collector();
    const connection = realtime.connect('fal-ai/fast-lcm-diffusion', {
      onResult: got.onResult,
      onError: got.onError,
      throttleInterval: 0,
    });
    closers.push(connection.close);
    connection.send({ seed: 1 });
    await got.errors$(1);
    expect(got.errors[0]).toBeInstanceOf(ApiError);
    expect(got.errors[0]).toMatchObject({
      status: 400,
      body: { type: 'x-fal-error', error: 'VALIDATION_ERROR' },
    });
    connection.send({ prompt: 'a cat', sync_mode: true, image_size: { width: 8, height: 8 } });
    await got.results$(1);
    expect((got.results[0] as { images: { url: string }[] }).images[0]!.url).toMatch(
      /^data:image\/png;base64,/,
    );
  });

  test('an abnormal close reaches onError with the close code; the next send reconnects with a new token', async () => {
    env.emulator.clearRequests();
    env.emulator.faults.add({ type: 'close', code: 4003, afterMessages: 1, path: '/falkit/echo/**' });
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const got = collector();
    const connection = realtime.connect('falkit/echo', {
      onResult: got.onResult,
      onError: got.onError,
      throttleInterval: 0,
    });
    closers.push(connection.close);
    connection.send({ n: 1 });
    await got.errors$(1);
    expect(got.results).toEqual([{ n: 1 }]);
    expect(got.errors[0]).toMatchObject({ status: 4003 });
    connection.send({ n: 2 });
    await got.results$(2);
    expect(got.results[1]).toEqual({ n: 2 });
    expect(env.emulator.requests().filter((entry) => entry.path === '/tokens/')).toHaveLength(2);
    expect(wsRequests('/falkit/echo/realtime')).toHaveLength(2);
  });

  test('a refused token request reaches onError as the ApiError', async () => {
    const realtime = createRealtimeClient(env.client({ credentials: 'wrong' }), { WebSocket: WS });
    const got = collector();
    const connection = realtime.connect('falkit/echo', { onResult: got.onResult, onError: got.onError });
    closers.push(connection.close);
    connection.send({ n: 1 });
    await got.errors$(1);
    expect(got.errors[0]).toBeInstanceOf(ApiError);
    expect(got.errors[0]!.status).toBe(401);
    expect(got.results).toEqual([]);
  });

  test('close() closes the socket on the server too', async () => {
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const got = collector();
    const connection = realtime.connect('falkit/echo', { onResult: got.onResult });
    connection.send({ n: 1 });
    await got.results$(1);
    expect(env.emulator.openConnections()).toBe(1);
    connection.close();
    await expect.poll(() => env.emulator.openConnections()).toBe(0);
  });
});

describe('server TIMEOUT', () => {
  test('is not an error; the server closes and the next send reconnects', async () => {
    const short = await startEmulator({ realtimeTimeoutMs: 30 });
    try {
      const realtime = createRealtimeClient(short.client(), { WebSocket: WS });
      const got = collector();
      const connection = realtime.connect('falkit/echo', { onResult: got.onResult, onError: got.onError });
      connection.send({ n: 1 });
      await got.results$(1);
      await expect.poll(() => short.emulator.openConnections()).toBe(0);
      connection.send({ n: 2 });
      await got.results$(2);
      expect(got.errors).toEqual([]);
      expect(short.emulator.requests().filter((entry) => entry.status === 101)).toHaveLength(2);
      connection.close();
    } finally {
      await short.close();
    }
  });
});

describe('bad input', () => {
  test('throws FalInputError at connect, before any network use', () => {
    env.emulator.clearRequests();
    const realtime = createRealtimeClient(env.client(), { WebSocket: WS });
    const onResult = () => {};
    expect(() => realtime.connect('not-an-id', { onResult })).toThrow(FalInputError);
    expect(() => realtime.connect('falkit/echo', { onResult, maxBuffering: 0 })).toThrow(/maxBuffering/);
    expect(() => realtime.connect('falkit/echo', { onResult, maxBuffering: 61 })).toThrow(FalInputError);
    expect(() => realtime.connect('falkit/echo', { onResult, throttleInterval: -1 })).toThrow(
      /throttleInterval/,
    );
    expect(() => realtime.connect('falkit/echo', {} as never)).toThrow(/onResult/);
    // Node 20 has no global WebSocket: the error says what to pass.
    expect(() => createRealtimeClient(env.client()).connect('falkit/echo', { onResult })).toThrow(
      /WebSocket/,
    );
    expect(env.emulator.requests()).toHaveLength(0);
  });

  test('clientOnly outside a browser is a no-op connection', () => {
    env.emulator.clearRequests();
    const connection = createRealtimeClient(env.client(), { WebSocket: WS }).connect('falkit/echo', {
      onResult: () => {},
      clientOnly: true,
    });
    connection.send({ n: 1 });
    connection.close();
    expect(env.emulator.requests()).toHaveLength(0);
  });
});

describe('client.realtime (main entry, code loaded on first send)', () => {
  test('connects and delivers results like the subpath entry', async () => {
    const got = collector();
    const connection = env.client().realtime.connect<{ prompt: string }, { prompt: string }>('falkit/echo', {
      onResult: got.onResult,
      WebSocket: WS,
    });
    expectTypeOf(connection).toEqualTypeOf<RealtimeConnection<{ prompt: string }>>();
    closers.push(connection.close);
    connection.send({ prompt: 'lazy' });
    await got.results$(1);
    expect(got.results).toEqual([{ prompt: 'lazy' }]);
  });

  test('validates at connect and is on the fal singleton too', () => {
    expect(() => env.client().realtime.connect('falkit/echo', { onResult: () => {} })).toThrow(/WebSocket/);
    expect(() => fal.realtime.connect('bad', { onResult: () => {}, WebSocket: WS })).toThrow(FalInputError);
  });

  test('close before the code has loaded sends nothing', async () => {
    env.emulator.clearRequests();
    const connection = env.client().realtime.connect('falkit/echo', { onResult: () => {}, WebSocket: WS });
    connection.send({ n: 1 });
    connection.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(env.emulator.requests()).toHaveLength(0);
  });
});

describe('realtime types', () => {
  test('connect carries Input to send and Output (+ request_id) to onResult', () => {
    expectTypeOf<FalClient['realtime']>().toEqualTypeOf<RealtimeClient>();
    expectTypeOf(createRealtimeClient).returns.toEqualTypeOf<RealtimeClient>();
    type Handler = RealtimeConnectionHandler<{ images: { url: string }[] }>;
    expectTypeOf<Parameters<Handler['onResult']>[0]>().toEqualTypeOf<
      { images: { url: string }[] } & { request_id: string }
    >();
    expectTypeOf<Parameters<RealtimeConnection<{ prompt: string }>['send']>[0]>().toEqualTypeOf<
      { prompt: string } & Partial<{ request_id: string }>
    >();
    expectTypeOf<NonNullable<Handler['onError']>>()
      .parameter(0)
      .toEqualTypeOf<ApiError<unknown> | TimeoutError>();
    // @ts-expect-error maxBuffering is a number
    const bad: Handler = { onResult: () => {}, maxBuffering: '2' };
    void bad;
  });
});
