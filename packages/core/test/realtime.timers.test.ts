import { ApiError, createFalClient } from '@falkit/core';
import {
  type RealtimeConnectionHandler,
  type WebSocketConstructor,
  createRealtimeClient,
} from '@falkit/core/realtime';
import { decode, encode } from '@msgpack/msgpack';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

/** An in-memory WebSocket the test drives: `open()`, `serverSend()`, `serverClose()`. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  readonly url: string;
  readyState = 0;
  binaryType = 'blob';
  sent: unknown[] = [];
  closedWith: number | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeWebSocket.instances.push(this);
  }
  send(data: Uint8Array | string) {
    this.sent.push(typeof data === 'string' ? data : decode(data));
  }
  close(code?: number) {
    this.readyState = 3;
    this.closedWith = code;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  serverSend(value: unknown, asText = false) {
    const data = asText ? JSON.stringify(value) : encode(value).slice().buffer;
    this.onmessage?.({ data });
  }
  serverClose(code: number, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

const WS = FakeWebSocket as unknown as WebSocketConstructor;
const lastSocket = () => FakeWebSocket.instances.at(-1)!;
const flush = () => vi.advanceTimersByTimeAsync(0);

function setup(options: Partial<RealtimeConnectionHandler<unknown>> = {}) {
  const results: unknown[] = [];
  const errors: ApiError[] = [];
  let tokenCount = 0;
  const tokenProvider = vi.fn(async () => `tok${++tokenCount}`);
  const client = createFalClient({ baseUrl: 'http://emulator.test', credentials: 'k' });
  const connection = createRealtimeClient(client, { WebSocket: WS }).connect('falkit/echo', {
    onResult: (result) => results.push(result),
    // Only the handshake timeout is a TimeoutError, and these fake sockets never reach it.
    onError: (error) => errors.push(error as ApiError),
    tokenProvider,
    ...options,
  });
  return { connection, results, errors, tokenProvider };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connecting', () => {
  test('the first send gets a token, opens the mapped URL and sends only the latest message on open', async () => {
    const { connection, tokenProvider } = setup({ throttleInterval: 0, maxBuffering: 3 });
    connection.send({ n: 1 });
    connection.send({ n: 2 });
    await flush();
    expect(tokenProvider).toHaveBeenCalledTimes(1);
    const socket = lastSocket();
    expect(socket.url).toBe(
      'ws://emulator.test/fal.run/falkit/echo/realtime?fal_jwt_token=tok1&max_buffering=3',
    );
    connection.send({ n: 3 });
    socket.open();
    expect(socket.sent).toEqual([{ n: 3 }]);
    connection.send({ n: 4 });
    expect(socket.sent).toEqual([{ n: 3 }, { n: 4 }]);
    connection.close();
  });

  test('throttle: leading send at once, the last of the window at its end (default 128 ms)', async () => {
    const { connection } = setup();
    connection.send({ n: 0 });
    await flush();
    const socket = lastSocket();
    socket.open();
    expect(socket.sent).toEqual([{ n: 0 }]);
    await vi.advanceTimersByTimeAsync(200);
    connection.send({ n: 1 });
    expect(socket.sent).toEqual([{ n: 0 }, { n: 1 }]);
    connection.send({ n: 2 });
    connection.send({ n: 3 });
    connection.send({ n: 4 });
    await vi.advanceTimersByTimeAsync(127);
    expect(socket.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.sent).toEqual([{ n: 0 }, { n: 1 }, { n: 4 }]);
    connection.close();
  });
});

describe('tokens', () => {
  test('a custom token is refreshed at 90 % of tokenExpirationSeconds; a failed refresh retries after 5 %', async () => {
    const { connection, tokenProvider } = setup({ tokenExpirationSeconds: 10 });
    connection.send({ n: 1 });
    await flush();
    lastSocket().open();
    await vi.advanceTimersByTimeAsync(8_999);
    expect(tokenProvider).toHaveBeenCalledTimes(1);
    tokenProvider.mockRejectedValueOnce(new Error('down'));
    await vi.advanceTimersByTimeAsync(1);
    expect(tokenProvider).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(tokenProvider).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(tokenProvider).toHaveBeenCalledTimes(3);
    connection.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  test('the default provider POSTs rest.fal.ai/tokens/ for the alias and refreshes at 108 s', async () => {
    const calls: { url: string; body: unknown; auth: string | null }[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({
        url: String(input),
        body: JSON.parse(String(init?.body)),
        auth: new Headers(init?.headers).get('authorization'),
      });
      return new Response(JSON.stringify(`jwt${calls.length}`), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    });
    const client = createFalClient({ baseUrl: 'http://emulator.test', credentials: 'key-1', fetch });
    const connection = createRealtimeClient(client, { WebSocket: WS }).connect('fal-ai/fast-sdxl', {
      onResult: () => {},
    });
    connection.send({ prompt: 'x' });
    await flush();
    expect(calls).toEqual([
      {
        url: 'http://emulator.test/rest.fal.ai/tokens/',
        body: { allowed_apps: ['fast-sdxl'], token_expiration: 120 },
        auth: 'Key key-1',
      },
    ]);
    expect(lastSocket().url).toContain('fal_jwt_token=jwt1');
    lastSocket().open();
    await vi.advanceTimersByTimeAsync(107_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    connection.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  test('a custom provider without tokenExpirationSeconds is not refreshed (no timer)', async () => {
    const { connection } = setup();
    connection.send({ n: 1 });
    await flush();
    lastSocket().open();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBe(0);
    connection.close();
  });

  test('{status:"error", error:"Unauthorized"} drops the token and the socket; the next send gets a new token', async () => {
    const { connection, errors, tokenProvider } = setup({ throttleInterval: 0 });
    connection.send({ n: 1 });
    await flush();
    const first = lastSocket();
    first.open();
    first.serverSend({ status: 'error', error: 'Unauthorized' });
    await flush();
    expect(errors.map((error) => error.status)).toEqual([401]);
    expect(first.closedWith).toBe(1000);
    connection.send({ n: 2 });
    await flush();
    expect(tokenProvider).toHaveBeenCalledTimes(2);
    expect(lastSocket()).not.toBe(first);
    expect(lastSocket().url).toContain('fal_jwt_token=tok2');
    connection.close();
  });
});

describe('messages and errors', () => {
  test('meta frames and TIMEOUT are skipped, other x-fal-errors are ApiError 400, results pass', async () => {
    const { connection, results, errors } = setup();
    connection.send({ n: 1 });
    await flush();
    const socket = lastSocket();
    socket.open();
    socket.serverSend({ type: 'x-fal-message', action: 'timings', timing: 0.1 }, true);
    socket.serverSend(
      { type: 'x-fal-error', error: 'TIMEOUT', reason: 'no inputs, reconnect when needed!' },
      true,
    );
    socket.serverSend({ status: 'error', error: 'Something' });
    socket.serverSend({ type: 'x-fal-error', error: 'INTERNAL_ERROR', reason: 'boom' }, true);
    socket.serverSend({ images: [], request_id: 'r' });
    socket.onmessage?.({ data: new Uint8Array([0xc1]).buffer });
    await flush();
    expect(results).toEqual([{ images: [], request_id: 'r' }]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(ApiError);
    expect(errors[0]).toMatchObject({ status: 400, message: 'INTERNAL_ERROR: boom' });
    expect(errors[1]!.status).toBe(400);
    connection.close();
  });

  test('a close code other than 1000 is an error with that status; 1000 is not; both reconnect on send', async () => {
    const { connection, errors, tokenProvider } = setup({ throttleInterval: 0 });
    connection.send({ n: 1 });
    await flush();
    lastSocket().open();
    lastSocket().serverClose(1000);
    expect(errors).toEqual([]);
    connection.send({ n: 2 });
    await flush();
    lastSocket().open();
    lastSocket().serverClose(4001, 'bye');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 4001 });
    expect(errors[0]!.message).toContain('bye');
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(tokenProvider).toHaveBeenCalledTimes(2);
    connection.close();
  });

  test('custom encodeMessage/decodeMessage are used', async () => {
    const { connection, results } = setup({
      encodeMessage: (input) => JSON.stringify(input),
      decodeMessage: (data) => ({ decoded: typeof data }),
    });
    connection.send({ n: 1 });
    await flush();
    const socket = lastSocket();
    socket.open();
    expect(socket.sent).toEqual(['{"n":1}']);
    socket.serverSend({ any: 1 }, true);
    await flush();
    expect(results).toEqual([{ decoded: 'string' }]);
    connection.close();
  });
});

describe('close', () => {
  test('releases the socket, the throttle timer and the refresh timer', async () => {
    const { connection } = setup({ tokenExpirationSeconds: 60 });
    connection.send({ n: 1 });
    await flush();
    const socket = lastSocket();
    socket.open();
    connection.send({ n: 2 });
    connection.send({ n: 3 });
    expect(vi.getTimerCount()).toBe(2);
    connection.close();
    expect(socket.closedWith).toBe(1000);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(socket.sent).toEqual([{ n: 1 }]);
  });

  test('results still being decoded when close() is called are dropped', async () => {
    let release!: () => void;
    const decoding = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { connection, results } = setup({
      decodeMessage: async (data) => {
        await decoding;
        return JSON.parse(String(data));
      },
    });
    connection.send({ n: 1 });
    await flush();
    lastSocket().open();
    lastSocket().serverSend({ late: true }, true);
    connection.close();
    release();
    await flush();
    expect(results).toEqual([]);
  });

  test('closing while the socket connects closes it quietly (no onError)', async () => {
    const { connection, errors } = setup();
    connection.send({ n: 1 });
    await flush();
    const socket = lastSocket();
    connection.close();
    expect(socket.closedWith).toBe(1000);
    expect(socket.onclose).toBeNull();
    expect(errors).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('a send after close() connects again with a fresh token', async () => {
    const { connection, tokenProvider } = setup({ throttleInterval: 0 });
    connection.send({ n: 1 });
    await flush();
    lastSocket().open();
    connection.close();
    connection.send({ n: 2 });
    await flush();
    expect(tokenProvider).toHaveBeenCalledTimes(2);
    expect(FakeWebSocket.instances).toHaveLength(2);
    lastSocket().open();
    expect(lastSocket().sent).toEqual([{ n: 2 }]);
    connection.close();
  });

  test('closing while the token is on its way opens nothing', async () => {
    let resolveToken!: (token: string) => void;
    const { connection } = setup({
      tokenProvider: () =>
        new Promise<string>((resolve) => {
          resolveToken = resolve;
        }),
    });
    connection.send({ n: 1 });
    await flush();
    connection.close();
    resolveToken('late');
    await flush();
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
