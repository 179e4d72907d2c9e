import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { type FalClient, TimeoutError, createFalClient } from '@falkit/core';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { gatedApp } from './helpers/gatedApp';

/** The same flows over real loopback sockets with the platform fetch (undici), via `baseUrl`. */
let emulator: Emulator;
let server: ListeningEmulator;
let client: FalClient;
let gated: ReturnType<typeof gatedApp>;

beforeAll(async () => {
  emulator = createEmulator({ speed: 0, key: 'socket-key' });
  server = await emulator.listen({ port: 0 });
  client = createFalClient({ credentials: 'socket-key', baseUrl: server.url });
  gated = gatedApp(emulator);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  gated.reset();
});

const waitForConnections = (count: number) =>
  vi.waitFor(() => expect(emulator.openConnections()).toBe(count), { timeout: 3000, interval: 5 });

describe('over HTTP', () => {
  test('run, subscribe (streamed status) and the result', async () => {
    await expect(client.run('falkit/echo', { input: { a: 1 } })).resolves.toMatchObject({ data: { a: 1 } });
    const pending = client.subscribe(gated.id, { input: { b: 2 }, logs: true });
    await waitForConnections(1); // the status stream
    gated.release();
    await expect(pending).resolves.toMatchObject({ data: { done: true, input: { b: 2 } } });
    await waitForConnections(0);
  });

  test('aborting mid-stream closes the socket and cancels the job', async () => {
    const controller = new AbortController();
    const pending = client.subscribe(gated.id, { input: {}, abortSignal: controller.signal }).catch((e) => e);
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
    await waitForConnections(1);
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
    expect(emulator.jobs()[0]?.status).toBe('CANCELLED');
    await waitForConnections(0);
  });

  test('timeout over a real stream: TimeoutError, job cancelled, no connection left', async () => {
    const pending = client.subscribe(gated.id, { input: {}, timeout: 1100 }).catch((e) => e);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(emulator.jobs()[0]?.status).toBe('CANCELLED');
    await waitForConnections(0);
  });

  test('a reset status stream is resumed over HTTP', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'truncate',
      afterEvents: 1,
      abrupt: true,
    });
    const pending = client.subscribe(gated.id, { input: {} });
    await waitForConnections(1);
    gated.log('trip the fault');
    await vi.waitFor(() =>
      expect(emulator.requests().filter((entry) => entry.path.endsWith('/status/stream'))).toHaveLength(2),
    );
    gated.release();
    await expect(pending).resolves.toMatchObject({ data: { done: true } });
    await waitForConnections(0);
  });
});
