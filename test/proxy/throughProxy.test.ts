import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFalClient as createOfficialClient } from '@fal-ai/client';
import { createFalClient } from '@falkit/core';
import { createEmulator, type Emulator, type ListeningEmulator } from '@falkit/emulator';
import { createProxyHandler } from '@falkit/proxy';
import { createNodeHandler } from '@falkit/proxy/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * Clients -> @falkit/proxy (Node http, emulator mode) -> emulator over loopback. The emulator requires
 * SERVER_KEY, and the clients hold a different key (or none): every call succeeds only because the proxy
 * drops the client's credentials and adds the server's.
 */
const SERVER_KEY = 'server-key';
const CLIENT_KEY = 'client-key-that-must-not-reach-fal';

let emulator: Emulator;
let emulatorServer: ListeningEmulator;
let proxyServer: Server;
let proxyUrl: string;

beforeAll(async () => {
  emulator = createEmulator({ speed: 0, key: SERVER_KEY });
  emulatorServer = await emulator.listen({ port: 0 });
  proxyServer = createServer(
    createNodeHandler({
      allowedEndpoints: ['falkit/echo', 'fal-ai/any-llm', 'fal-ai/flux/*'],
      emulatorOrigin: emulatorServer.url,
      env: { FAL_KEY: SERVER_KEY },
    }),
  );
  await new Promise<void>((resolve) => proxyServer.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}/api/fal/proxy`;
});

afterAll(async () => {
  const closed = new Promise((resolve) => proxyServer.close(resolve));
  proxyServer.closeAllConnections();
  await closed;
  await emulatorServer.close();
  await emulator.close();
});

beforeEach(() => emulator.clearRequests());

function officialClient(credentials?: string) {
  return createOfficialClient({
    proxyUrl: { url: proxyUrl, when: 'always' },
    ...(credentials ? { credentials } : {}),
  });
}

function falkitClient(credentials?: string) {
  return createFalClient({
    proxyUrl: { url: proxyUrl, when: 'always' },
    ...(credentials ? { credentials, suppressLocalCredentialsWarning: true } : {}),
  });
}

/** Statuses the emulator answered, by path: proves the proxy reached it with the server key. */
function emulatorStatuses() {
  return emulator.requests().map((entry) => entry.status);
}

describe('official @fal-ai/client through @falkit/proxy', () => {
  it('runs', async () => {
    const { data, requestId } = await officialClient(CLIENT_KEY).run('falkit/echo', {
      input: { hello: 'proxy' },
    });
    expect(data).toEqual({ hello: 'proxy' });
    expect(requestId).not.toBe('');
    expect(emulatorStatuses()).toEqual([200]);
  });

  it('subscribes (polling) with logs and queue updates', async () => {
    const updates: string[] = [];
    const { data } = await officialClient().subscribe('falkit/echo', {
      input: { n: 1, logs: 2 },
      logs: true,
      pollInterval: 10,
      onQueueUpdate: (update) => updates.push(update.status),
    });
    expect(data).toEqual({ n: 1, logs: 2 });
    expect(updates.at(-1)).toBe('COMPLETED');
    expect(emulatorStatuses().every((status) => status < 300)).toBe(true);
  });

  it('subscribes in streaming mode (SSE status stream through the proxy)', async () => {
    const { data } = await officialClient().subscribe('falkit/echo', {
      input: { s: true },
      mode: 'streaming',
    });
    expect(data).toEqual({ s: true });
    expect(emulator.requests().some((entry) => entry.path.endsWith('/status/stream'))).toBe(true);
  });

  it('streams', async () => {
    const stream = await officialClient().stream('fal-ai/any-llm', { input: { prompt: 'hi' } });
    const events: { partial: boolean }[] = [];
    stream.on('data', (event: { partial: boolean }) => events.push(event));
    const final = (await stream.done()) as { output: string; partial: boolean };
    expect(final.partial).toBe(false);
    expect(final.output).toContain('You asked: "hi"');
    expect(events.length).toBeGreaterThan(1);
  });

  it('uploads (initiate through the proxy, signed PUT direct)', async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 13) % 256);
    const url = await officialClient().storage.upload(
      new Blob([bytes], { type: 'application/octet-stream' }),
    );
    expect(url.startsWith(`${emulatorServer.url}/`)).toBe(true);
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
    const initiate = emulator.requests().find((entry) => entry.path.startsWith('/storage/upload/initiate'));
    expect(initiate?.status).toBe(200);
  });

  it('is refused, with the reason, for endpoints outside the allow-list', async () => {
    const error = await officialClient()
      .run('fal-ai/fast-sdxl', { input: { prompt: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, body: { error_type: 'proxy_endpoint_not_allowed' } });
    expect(emulator.requests()).toHaveLength(0);
  });
});

describe('an ambiguous submit failure through the proxy is never retried into a second job', () => {
  /** Submits the emulator received (server-side fact, whatever the client believed). */
  const submitsReceived = () =>
    emulator.requests().filter((entry) => entry.method === 'POST' && entry.host === 'queue.fal.run').length;

  it.each([
    ['before', false],
    ['after', true],
  ] as const)(
    'official @fal-ai/client: upstream dropped %s handling the submit → one submit, no retry',
    async (_when, after) => {
      emulator.reset();
      emulator.faults.add({
        host: 'queue.fal.run',
        method: 'POST',
        path: 'falkit/echo',
        type: 'drop',
        after,
      });
      const error = await officialClient()
        .queue.submit('falkit/echo', { input: { ambiguous: true } })
        .then(
          () => undefined,
          (failure: unknown) => failure as { status?: number; body?: { error_type?: string } },
        );
      expect(error?.status).toBe(500);
      expect(error?.body?.error_type).toBe('proxy_upstream_outcome_unknown');
      expect(submitsReceived()).toBe(1);
      expect(
        emulator.jobs().filter((job) => job.mode === 'queue' && job.endpointId === 'falkit/echo'),
      ).toHaveLength(after ? 1 : 0);
    },
  );

  it('an upstream that refuses the connection is still a 502 (nothing was delivered)', async () => {
    const refusing = createServer();
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const port = (refusing.address() as AddressInfo).port;
    await new Promise((resolve) => refusing.close(resolve));
    const handler = createProxyHandler({
      allowedEndpoints: ['falkit/echo'],
      emulatorOrigin: `http://127.0.0.1:${port}`,
      env: { FAL_KEY: SERVER_KEY },
    });
    const response = await handler(
      new Request('http://app.test/api/fal/proxy', {
        method: 'POST',
        headers: { 'x-fal-target-url': 'https://queue.fal.run/falkit/echo' },
        body: '{}',
      }),
    );
    expect(response.status).toBe(502);
    expect(response.headers.get('x-falkit-proxy-error')).toBe('upstream_unreachable');
  });
});

describe('@falkit/core through @falkit/proxy', () => {
  it('runs', async () => {
    const { data } = await falkitClient(CLIENT_KEY).run('falkit/echo', { input: { via: 'falkit' } });
    expect(data).toEqual({ via: 'falkit' });
  });

  it('subscribes', async () => {
    const { data } = await falkitClient().subscribe('falkit/echo', { input: { q: 1 } });
    expect(data).toEqual({ q: 1 });
  });

  it('streams', async () => {
    const stream = await falkitClient().stream('fal-ai/any-llm', { input: { prompt: 'hello' } });
    const final = (await stream.done()) as { output: string };
    expect(final.output).toContain('You asked: "hello"');
  });

  it('uploads', async () => {
    const bytes = Uint8Array.from({ length: 2048 }, (_, i) => i % 251);
    const url = await falkitClient().storage.upload(new Blob([bytes], { type: 'image/png' }));
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
  });
});
