import { createFalClient } from '@fal-ai/client';
import { createEmulator } from '@falkit/emulator';
import { createEmulatorHandlers, createRealtimeHandlers } from '@falkit/emulator/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';

/**
 * Unmodified `@fal-ai/client` realtime code (no fetch, no URL rewriting) served by the emulator
 * through msw: `https://rest.fal.ai/tokens/` and `wss://fal.run/…` are intercepted in place. msw
 * patches the global WebSocket, which Node 20 lacks, so `ws`'s is installed first and restored after.
 */
const KEY = 'realtime-msw-key';
const emulator = createEmulator({ speed: 0, key: KEY });
const previous = (globalThis as { WebSocket?: unknown }).WebSocket;
(globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
const server = setupServer(...createEmulatorHandlers(emulator), ...createRealtimeHandlers(emulator));

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => {
  server.close();
  (globalThis as { WebSocket?: unknown }).WebSocket = previous;
  vi.restoreAllMocks();
  await emulator.close();
});

describe('conformance: @fal-ai/client realtime through msw', () => {
  it('connects to wss://fal.run as written and gets image results with real fal URLs', async () => {
    const results: { images: { url: string }[]; request_id?: string }[] = [];
    const errors: unknown[] = [];
    let wake = () => {};
    const fal = createFalClient({ credentials: KEY });
    const connection = fal.realtime.connect('fal-ai/fast-sdxl', {
      onResult: (result) => {
        results.push(result);
        wake();
      },
      onError: (error) => errors.push(error),
    });
    connection.send({ prompt: 'a kite', image_size: { width: 8, height: 8 }, request_id: 'k1' });
    while (results.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    expect(results[0]!.request_id).toBe('k1');
    expect(results[0]!.images[0]!.url).toMatch(/^https:\/\/v3\.fal\.media\/files\//);
    expect(errors).toEqual([]);
    expect(emulator.requests().map((entry) => [entry.method, entry.host, entry.status])).toEqual([
      ['POST', 'rest.fal.ai', 201],
      ['GET', 'fal.run', 101],
    ]);
    connection.close();
  });
});
