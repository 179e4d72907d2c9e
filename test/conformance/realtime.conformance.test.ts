import { ApiError, createFalClient } from '@fal-ai/client';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { emulatorFetch } from '../support/emulatorFetch';

/**
 * The official `@fal-ai/client` 1.10.1 `fal.realtime.connect` against the emulator's WebSocket
 * endpoint. Node 20 has no global WebSocket, so this file installs `ws`'s as the global (restored
 * afterwards), subclassed to rewrite `wss://fal.run/…` to the emulator's `ws://{host}/fal.run/…`.
 * Its token request goes through the client's `fetch`, rewritten the same way.
 */
const KEY = 'realtime-conformance-key';

let emulator: Emulator;
let server: ListeningEmulator;
const previousWebSocket = (globalThis as { WebSocket?: unknown }).WebSocket;
const open: { close(): void }[] = [];
/** Where the rewritten sockets go (`ws://host:port`); a test may point it at another emulator. */
let wsOrigin = '';

function falClient() {
  return createFalClient({ credentials: KEY, fetch: emulatorFetch(server.url) });
}

/** Results and errors of one connection; `until` waits for a count. */
function collector() {
  const results: Record<string, unknown>[] = [];
  const errors: ApiError<unknown>[] = [];
  let wake = () => {};
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => (wake = resolve));
  };
  return {
    results,
    errors,
    onResult: (result: Record<string, unknown>) => {
      results.push(result);
      wake();
    },
    onError: (error: ApiError<unknown>) => {
      errors.push(error);
      wake();
    },
    results$: (count: number) => until(() => results.length >= count),
    errors$: (count: number) => until(() => errors.length >= count),
  };
}

beforeAll(async () => {
  emulator = createEmulator({ speed: 0, key: KEY });
  server = await emulator.listen({ port: 0 });
  wsOrigin = server.url.replace(/^http/, 'ws');
  class EmulatorWebSocket extends NodeWebSocket {
    constructor(url: string | URL) {
      super(String(url).replace(/^wss:\/\/([^/]+)\//, `${wsOrigin}/$1/`));
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = EmulatorWebSocket;
  // The built-in token provider prints a deprecation warning on every connection.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => {
  for (const connection of open.splice(0)) connection.close();
  (globalThis as { WebSocket?: unknown }).WebSocket = previousWebSocket;
  vi.restoreAllMocks();
  await emulator.close();
});
beforeEach(() => {
  emulator.clearRequests();
  emulator.faults.clear();
});

describe('conformance: @fal-ai/client realtime against the emulator', () => {
  it('connect + send: token for the alias, one socket, msgpack results with request_id', async () => {
    const got = collector();
    const connection = falClient().realtime.connect('falkit/echo', {
      onResult: got.onResult,
      onError: got.onError,
    });
    open.push(connection);
    connection.send({ prompt: 'hello', request_id: 'req-1' });
    await got.results$(1);
    expect(got.results).toEqual([{ prompt: 'hello', request_id: 'req-1' }]);
    expect(got.errors).toEqual([]);
    expect(emulator.requests().map((entry) => [entry.method, entry.host, entry.path, entry.status])).toEqual([
      ['POST', 'rest.fal.ai', '/tokens/', 201],
      ['GET', 'fal.run', '/falkit/echo/realtime', 101],
    ]);
    connection.close();
  });

  it('a fast-lcm-diffusion-style app answers each input with an image (sync_mode data URL)', async () => {
    const got = collector();
    const connection = falClient().realtime.connect('fal-ai/fast-lcm-diffusion', {
      onResult: got.onResult,
      onError: got.onError,
      maxBuffering: 2,
    });
    open.push(connection);
    connection.send({
      prompt: 'a lighthouse',
      sync_mode: true,
      image_size: { width: 16, height: 16 },
      seed: 1,
    });
    await got.results$(1);
    const images = got.results[0]!.images as { url: string; width: number }[];
    expect(images[0]!.width).toBe(16);
    expect(images[0]!.url).toMatch(/^data:image\/png;base64,/);
    expect(emulator.requests().at(-1)!.url).toMatch(/max_buffering=2/);
    connection.close();
  });

  it('tokenProvider receives owner/alias/path and its token is accepted', async () => {
    const got = collector();
    const asked: string[] = [];
    const connection = falClient().realtime.connect('falkit/echo', {
      onResult: got.onResult,
      tokenProvider: async (app) => {
        asked.push(app);
        const response = await fetch(`${server.url}/rest.fal.ai/tokens/`, {
          method: 'POST',
          headers: { authorization: `Key ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ allowed_apps: ['echo'], token_expiration: 120 }),
        });
        return (await response.json()) as string;
      },
      tokenExpirationSeconds: 120,
    });
    open.push(connection);
    connection.send({ via: 'provider' });
    await got.results$(1);
    expect(asked).toEqual(['falkit/echo/realtime']);
    expect(got.results).toEqual([{ via: 'provider' }]);
    connection.close();
  });

  it('x-fal-error frames reach onError as ApiError 400; the connection keeps working', async () => {
    const got = collector();
    const connection = falClient().realtime.connect('fal-ai/fast-lcm-diffusion', {
      onResult: got.onResult,
      onError: got.onError,
      throttleInterval: 0,
    });
    open.push(connection);
    connection.send({ seed: 1 });
    await got.errors$(1);
    expect(got.errors[0]).toBeInstanceOf(ApiError);
    expect(got.errors[0]!.status).toBe(400);
    expect(got.errors[0]!.message).toMatch(/^VALIDATION_ERROR: /);
    connection.send({ prompt: 'ok', sync_mode: true, image_size: { width: 8, height: 8 } });
    await got.results$(1);
    connection.close();
  });

  it('a close fault reaches onError with the close code as status', async () => {
    emulator.faults.add({ type: 'close', code: 4001, afterMessages: 1, path: '/falkit/echo/**' });
    const got = collector();
    const connection = falClient().realtime.connect('falkit/echo', {
      onResult: got.onResult,
      onError: got.onError,
    });
    open.push(connection);
    connection.send({ n: 1 });
    await got.errors$(1);
    expect(got.results).toEqual([{ n: 1 }]);
    expect(got.errors[0]!.status).toBe(4001);
    connection.close();
  });

  it('TIMEOUT from an idle session is not an error; the next send reconnects', async () => {
    const idle = createEmulator({ speed: 0, key: KEY, realtimeTimeoutMs: 30 });
    const idleServer = await idle.listen({ port: 0 });
    const previousOrigin = wsOrigin;
    wsOrigin = idleServer.url.replace(/^http/, 'ws');
    try {
      const got = collector();
      const connection = createFalClient({
        credentials: KEY,
        fetch: emulatorFetch(idleServer.url),
      }).realtime.connect('falkit/echo', { onResult: got.onResult, onError: got.onError });
      open.push(connection);
      connection.send({ n: 1 });
      await got.results$(1);
      await expect.poll(() => idle.openConnections()).toBe(0);
      connection.send({ n: 2 });
      await got.results$(2);
      expect(got.errors).toEqual([]);
      expect(idle.requests().filter((entry) => entry.status === 101)).toHaveLength(2);
      connection.close();
    } finally {
      wsOrigin = previousOrigin;
      await idle.close();
    }
  });
});
