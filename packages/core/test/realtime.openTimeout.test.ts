import { createServer, type Server, type Socket } from 'node:net';
import { ApiError, FalInputError, TimeoutError, createFalClient } from '@falkit/core';
import { type WebSocketConstructor, createRealtimeClient } from '@falkit/core/realtime';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { WebSocket } from 'ws';

const WS = WebSocket as unknown as WebSocketConstructor;

/** Accepts TCP connections and never answers the WebSocket upgrade. */
let silent: Server;
let baseUrl: string;
const accepted: Socket[] = [];

beforeAll(async () => {
  silent = createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => {});
    socket.resume(); // read, so the client's FIN is seen
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address() as { port: number };
  baseUrl = `http://127.0.0.1:${address.port}`;
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

function connect(openTimeoutMs?: number) {
  const errors: (ApiError | TimeoutError)[] = [];
  const client = createFalClient({ baseUrl, credentials: 'k' });
  const connection = createRealtimeClient(client, { WebSocket: WS }).connect('falkit/echo', {
    onResult: () => {},
    onError: (error) => errors.push(error),
    tokenProvider: async () => 'tok',
    tokenExpirationSeconds: 120,
    throttleInterval: 0,
    ...(openTimeoutMs === undefined ? {} : { openTimeoutMs }),
  });
  return { connection, errors };
}

/** Waits (on real time) until the silent server has seen `count` connections. */
async function acceptedCount(count: number) {
  while (accepted.length < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('realtime handshake timeout', () => {
  test('a server that never completes the handshake: after 90 s (default) the socket closes and onError gets a TimeoutError', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const before = accepted.length;
    const { connection, errors } = connect();
    connection.send({ prompt: 'x' });
    await acceptedCount(before + 1);
    const socket = accepted[before]!;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));

    await vi.advanceTimersByTimeAsync(89_999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TimeoutError);
    expect(errors[0]).not.toBeInstanceOf(ApiError);
    expect((errors[0] as TimeoutError).timeoutMs).toBe(90_000);
    await closed; // the client tore the TCP connection down
    // No timers left: neither the handshake timer nor the token refresh.
    expect(vi.getTimerCount()).toBe(0);
    connection.close();
  });

  test('openTimeoutMs sets the limit; a later send connects again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const before = accepted.length;
    const { connection, errors } = connect(1_000);
    connection.send({ prompt: 'x' });
    await acceptedCount(before + 1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors.map((error) => (error as TimeoutError).timeoutMs)).toEqual([1_000]);
    expect(vi.getTimerCount()).toBe(0);

    connection.send({ prompt: 'y' });
    await acceptedCount(before + 2);
    connection.close();
    expect(vi.getTimerCount()).toBe(0);
    expect(errors).toHaveLength(1);
  });

  test.each([0, -1, Number.NaN, '5'])('openTimeoutMs %s is a FalInputError', (value) => {
    expect(() => connect(value as number)).toThrow(FalInputError);
  });
});
