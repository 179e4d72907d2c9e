import { decode, encode } from '@msgpack/msgpack';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createEmulator } from '../src/index.js';
import { createEmulatorHandlers, createRealtimeHandlers } from '../src/entries/msw.js';

/**
 * msw's WebSocket interception needs a global WebSocket to patch; Node 20 has none, so this file
 * installs `ws`'s before msw starts and restores the original afterwards.
 */
const KEY = 'msw-key';
const emulator = createEmulator({ speed: 0, key: KEY });
const previous = (globalThis as { WebSocket?: unknown }).WebSocket;
(globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
const server = setupServer(...createEmulatorHandlers(emulator), ...createRealtimeHandlers(emulator));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  (globalThis as { WebSocket?: unknown }).WebSocket = previous;
  await emulator.close();
});

type Received = { code?: number; reason?: string; frames: unknown[] };

/** Opens a socket through the (patched) global WebSocket and collects decoded frames. */
function connect(url: string) {
  const Socket = (globalThis as unknown as { WebSocket: typeof globalThis.WebSocket }).WebSocket;
  const socket = new Socket(url);
  socket.binaryType = 'arraybuffer';
  const received: Received = { frames: [] };
  let wake = () => {};
  socket.onmessage = (event) => {
    received.frames.push(
      typeof event.data === 'string'
        ? JSON.parse(event.data)
        : decode(new Uint8Array(event.data as ArrayBuffer)),
    );
    wake();
  };
  socket.onclose = (event) => {
    received.code = event.code;
    received.reason = event.reason;
    wake();
  };
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => (wake = resolve));
  };
  return { socket, received, until };
}

async function token(app: string): Promise<string> {
  const response = await fetch('https://rest.fal.ai/tokens/', {
    method: 'POST',
    headers: { authorization: `Key ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ allowed_apps: [app], token_expiration: 120 }),
  });
  return (await response.json()) as string;
}

describe('realtime through msw ws handlers', () => {
  test('wss://fal.run is served in place: msgpack round-trip, request_id, real-host URLs in results', async () => {
    const jwt = await token('fast-sdxl');
    const { socket, received, until } = connect(
      `wss://fal.run/fal-ai/fast-sdxl/realtime?fal_jwt_token=${jwt}`,
    );
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    socket.send(encode({ prompt: 'x', image_size: { width: 8, height: 8 }, request_id: 'm1' }));
    await until(() => received.frames.length >= 2);
    const result = received.frames[0] as { images: { url: string }[]; request_id: string };
    expect(result.request_id).toBe('m1');
    expect(result.images[0]!.url).toMatch(/^https:\/\/v3\.fal\.media\/files\//);
    expect(received.frames[1]).toMatchObject({ type: 'x-fal-message', action: 'timings' });
    const file = await fetch(result.images[0]!.url);
    expect(file.headers.get('content-type')).toBe('image/png');
    await file.arrayBuffer();
    expect(emulator.requests().at(-2)).toMatchObject({
      host: 'fal.run',
      status: 101,
      url: expect.stringMatching(/^https:\/\/fal\.run\/fal-ai\/fast-sdxl\/realtime\?/),
    });
    socket.close();
    await until(() => received.code !== undefined);
    await expect.poll(() => emulator.openConnections()).toBe(0);
  });

  test('a refused handshake closes with 4000 + status', async () => {
    const { received, until } = connect('wss://fal.run/falkit/echo/realtime');
    await until(() => received.code !== undefined);
    expect(received.code).toBe(4401);
    expect(received.reason).toContain('Missing credentials');
  });
});
