import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  type FalEndpoint,
  type UnknownEndpointInput,
  createFalClient,
  fal,
  withMiddleware,
  withProxy,
} from '@falkit/core';
import { createEmulator } from '@falkit/emulator';
import { EMULATOR_ORIGIN, type SentRequest, emulatorFetch } from './helpers/emulatorClient';

const emulator = createEmulator({ speed: 0 });
let sent: SentRequest[] = [];
const fetch = () => emulatorFetch(emulator, sent);

beforeEach(() => {
  sent = [];
  emulator.reset();
  vi.unstubAllEnvs();
  vi.stubEnv('FAL_KEY', undefined as never);
  vi.stubEnv('FAL_KEY_ID', undefined as never);
  vi.stubEnv('FAL_KEY_SECRET', undefined as never);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('credentials', () => {
  test.each([
    ['a string', 'abc:def'],
    ['a sync resolver', () => 'abc:def'],
    ['an async resolver', async () => 'abc:def'],
  ])('from %s', async (_name, credentials) => {
    const client = createFalClient({ credentials, baseUrl: EMULATOR_ORIGIN, fetch: fetch() });
    await client.run('falkit/echo');
    expect(sent[0]?.headers.authorization).toBe('Key abc:def');
  });

  test('from FAL_KEY, read at request time', async () => {
    const client = createFalClient({ baseUrl: EMULATOR_ORIGIN, fetch: fetch() });
    vi.stubEnv('FAL_KEY', 'env-key');
    await client.run('falkit/echo');
    expect(sent[0]?.headers.authorization).toBe('Key env-key');
  });

  test('from FAL_KEY_ID + FAL_KEY_SECRET', async () => {
    vi.stubEnv('FAL_KEY_ID', 'id');
    vi.stubEnv('FAL_KEY_SECRET', 'secret');
    await createFalClient({ baseUrl: EMULATOR_ORIGIN, fetch: fetch() }).run('falkit/echo');
    expect(sent[0]?.headers.authorization).toBe('Key id:secret');
  });

  test('no credentials: no Authorization header (public models); works without process', async () => {
    vi.stubGlobal('process', undefined);
    await createFalClient({ baseUrl: EMULATOR_ORIGIN, fetch: fetch() }).run('falkit/echo');
    vi.unstubAllGlobals();
    expect(sent[0]?.headers.authorization).toBeUndefined();
    expect(sent[0]?.headers['user-agent']).toBe('@falkit/core/0.1.0');
  });

  test('warns once when a key is used in a browser without a proxy', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('window', { document: {} });
    const client = createFalClient({ credentials: 'k', baseUrl: EMULATOR_ORIGIN, fetch: fetch() });
    await client.run('falkit/echo');
    await client.run('falkit/echo');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/browser/);
    // Browsers do not get a User-Agent header from us.
    expect(sent[0]?.headers['user-agent']).toBeUndefined();
  });
});

describe('proxy mode (docs/protocol.md §11.1)', () => {
  test("{ when: 'always' } sends every request to the proxy with x-fal-target-url", async () => {
    const proxyRequests: SentRequest[] = [];
    const proxyFetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      const target = request.headers.get('x-fal-target-url')!;
      proxyRequests.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: '',
      });
      // A minimal forwarding proxy in front of the emulator.
      const url = new URL(target);
      return emulator.fetch(
        new Request(`${EMULATOR_ORIGIN}/${url.host}${url.pathname}${url.search}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          duplex: 'half',
        } as RequestInit),
      );
    };
    const client = createFalClient({
      proxyUrl: { url: 'http://proxy.test/api/fal/proxy', when: 'always' },
      fetch: proxyFetch,
    });
    const result = await client.subscribe('falkit/echo', { input: { via: 'proxy' } });
    expect(result.data).toEqual({ via: 'proxy' });
    expect(proxyRequests.length).toBeGreaterThanOrEqual(3);
    for (const request of proxyRequests) expect(request.url).toBe('http://proxy.test/api/fal/proxy');
    expect(proxyRequests[0]?.headers['x-fal-target-url']).toBe('https://queue.fal.run/falkit/echo');
    expect(proxyRequests[1]?.headers['x-fal-target-url']).toMatch(
      /^https:\/\/queue\.fal\.run\/falkit\/echo\/requests\/.+\/status\/stream\?logs=0$/,
    );
  });

  test('a string proxyUrl applies only in browsers', async () => {
    await createFalClient({ proxyUrl: '/api/fal/proxy', baseUrl: EMULATOR_ORIGIN, fetch: fetch() }).run(
      'falkit/echo',
    );
    expect(sent[0]?.url).toBe(`${EMULATOR_ORIGIN}/fal.run/falkit/echo`);
    expect(sent[0]?.headers['x-fal-target-url']).toBeUndefined();

    vi.stubGlobal('window', { document: {} });
    const calls: Request[] = [];
    const browserFetch: typeof globalThis.fetch = async (input, init) => {
      calls.push(new Request(new URL(String(input), 'http://app.test'), init));
      return Response.json({ ok: true });
    };
    await createFalClient({ proxyUrl: '/api/fal/proxy', fetch: browserFetch }).run('fal-ai/flux/dev');
    expect(calls[0]?.url).toBe('http://app.test/api/fal/proxy');
    expect(calls[0]?.headers.get('x-fal-target-url')).toBe('https://fal.run/fal-ai/flux/dev');
    expect(calls[0]?.headers.get('authorization')).toBeNull();
  });

  test('withProxy leaves requests that already carry x-fal-target-url alone', async () => {
    const middleware = withMiddleware(
      withProxy({ targetUrl: '/a', when: 'always' }),
      withProxy({ targetUrl: '/b', when: 'always' }),
    );
    const result = await middleware({ url: 'https://fal.run/x/y', method: 'POST' });
    expect(result).toEqual({
      url: '/a',
      method: 'POST',
      headers: { 'x-fal-target-url': 'https://fal.run/x/y' },
    });
    const gated = await withProxy({ targetUrl: '/a', when: ({ isBrowser }) => isBrowser })({
      url: 'u',
      method: 'GET',
    });
    expect(gated.url).toBe('u');
  });
});

describe('request middleware and baseUrl', () => {
  test('middleware sees the real fal URL and can add headers; baseUrl maps it to {baseUrl}/{host}/{path}', async () => {
    const seen: string[] = [];
    const client = createFalClient({
      credentials: 'k',
      baseUrl: `${EMULATOR_ORIGIN}/`,
      fetch: fetch(),
      requestMiddleware: async (request) => {
        seen.push(request.url);
        return { ...request, headers: { ...request.headers, 'X-Trace': 't-1' } };
      },
    });
    await client.run('falkit/echo', { input: {} });
    expect(seen).toEqual(['https://fal.run/falkit/echo']);
    expect(sent[0]?.url).toBe(`${EMULATOR_ORIGIN}/fal.run/falkit/echo`);
    expect(sent[0]?.headers['x-trace']).toBe('t-1');
  });

  test('custom fetch is looked up lazily; the global fetch is the default', async () => {
    const spy = vi.fn(async () => Response.json({ a: 1 }, { headers: { 'x-fal-request-id': 'rid' } }));
    vi.stubGlobal('fetch', spy);
    const result = await createFalClient({ credentials: 'k' }).run('fal-ai/x');
    expect(result).toEqual({ data: { a: 1 }, requestId: 'rid' });
    expect(spy).toHaveBeenCalledWith('https://fal.run/fal-ai/x', expect.objectContaining({ method: 'POST' }));
  });

  test('response bodies: JSON, text and octet-stream', async () => {
    const bodies = [
      new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } }),
      new Response(new Uint8Array([1, 2]), { headers: { 'content-type': 'application/octet-stream' } }),
      new Response('plain'),
    ];
    const client = createFalClient({ credentials: 'k', fetch: async () => bodies.shift()! });
    expect((await client.run('a/b')).data).toBe('<p>hi</p>');
    expect(
      new Uint8Array((await client.run<FalEndpoint<UnknownEndpointInput, ArrayBuffer>>('a/b')).data),
    ).toEqual(new Uint8Array([1, 2]));
    expect((await client.run('a/b')).data).toBe('plain');
  });
});

describe('fal default instance', () => {
  test('fal.config replaces the configuration; top-level seed functions use it', async () => {
    fal.config({ credentials: 'default-key', baseUrl: EMULATOR_ORIGIN, fetch: fetch() });
    const { data } = await fal.run('falkit/echo', { input: { a: 1 } });
    expect(data).toEqual({ a: 1 });
    expect(sent[0]?.headers.authorization).toBe('Key default-key');
    const { submit, status, result, cancel } = await import('@falkit/core');
    const handle = await submit('falkit/echo', { input: { b: 2 } });
    expect((await result('falkit/echo', handle.requestId)).data).toEqual({ b: 2 });
    expect((await status('falkit/echo', handle.requestId)).status).toBe('COMPLETED');
    await expect(cancel('falkit/echo', handle.requestId)).rejects.toMatchObject({ status: 400 });
  });
});
