/**
 * Hostile input: a table of bad arguments for every public function, each of which must fail with its
 * documented typed error before any request (the fetch spy and the emulator's log stay empty); the
 * proxy's hostile-URL and auth table against a live emulator (nothing reaches it); and the emulator
 * fed malformed requests over a socket stays up.
 */
import { connect } from 'node:net';
import { FalInputError, createFalClient, encode, encodeBlob, parseEndpointId } from '@falkit/core';
import { SubscribeObserver, UploadObserver, UploadRejectedError } from '@falkit/core/observers';
import { createEmulator } from '@falkit/emulator';
import { createProxyHandler, ProxyConfigError } from '@falkit/proxy';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { record } from './support/summary';

const emulator = createEmulator({ speed: 0 });
afterAll(() => emulator.close());
const sent: string[] = [];
const client = createFalClient({
  credentials: 'hostile-key',
  baseUrl: 'http://emulator.test',
  fetch: (input, init) => {
    const request = new Request(input, init);
    sent.push(`${request.method} ${request.url}`);
    return emulator.fetch(request);
  },
});
afterEach(() => {
  sent.length = 0;
  emulator.reset();
});

const cyclic: Record<string, unknown> = { prompt: 'x' };
cyclic.self = cyclic;
const cyclicArray: unknown[] = [1];
cyclicArray.push({ list: cyclicArray });

const BAD_IDS: unknown[] = [
  '',
  'flux',
  'fal-ai/',
  '/fal-ai/flux',
  'fal-ai//dev',
  'fal-ai/flux dev',
  'fal-ai/../../admin',
  '../x/y',
  'fal-ai/flux?x=1',
  'fal-ai/flux#frag',
  'fal-ai/flux%2F..',
  'fal-ai/flux\n/dev',
  'fal-ai/\u0000',
  'workflows/only',
  'https://evil.example/fal-ai/flux',
  'javascript:alert(1)//x/y',
  `fal-ai/${'a/'.repeat(2)}${'%'.repeat(10)}`,
  123,
  null,
  undefined,
  {},
  ['fal-ai', 'flux'],
];

const BAD_INPUTS: Array<[string, unknown]> = [
  ['a function', { prompt: 'x', callback: () => 1 }],
  ['a BigInt', { seed: 2n ** 70n }],
  ['a symbol', { tag: Symbol('x') }],
  ['a cycle', cyclic],
  ['a cycle through an array', { items: cyclicArray }],
  ['NaN', { strength: Number.NaN }],
  ['-Infinity', { values: [1, Number.NEGATIVE_INFINITY] }],
  ['a Map', { options: new Map([['a', 1]]) }],
  ['a Set', { tags: new Set(['a']) }],
  ['a typed array', { bytes: new Uint8Array(4) }],
  ['an ArrayBuffer', { buffer: new ArrayBuffer(8) }],
  ['a WeakMap', { cache: new WeakMap() }],
];

const BAD_OPTIONS: Array<[string, Record<string, unknown>]> = [
  ['priority "high"', { priority: 'high' }],
  ['priority 1', { priority: 1 }],
  ['timeout -1', { timeout: -1 }],
  ['timeout NaN', { timeout: Number.NaN }],
  ['timeout Infinity', { timeout: Number.POSITIVE_INFINITY }],
  ['timeout 1000 (not above 1 s)', { timeout: 1000 }],
  ['timeout "5000"', { timeout: '5000' }],
  ['startTimeout 0', { startTimeout: 0 }],
  ['startTimeout NaN', { startTimeout: Number.NaN }],
  ['webhookUrl ftp:', { webhookUrl: 'ftp://example.com/hook' }],
  ['webhookUrl javascript:', { webhookUrl: 'javascript:alert(1)' }],
  ['webhookUrl relative', { webhookUrl: '/hook' }],
  ['webhookUrl not a string', { webhookUrl: { href: 'https://x' } }],
  ['abortSignal {}', { abortSignal: {} }],
  ['headers with a number', { headers: { 'x-a': 1 } }],
  ['pollInterval -5', { pollInterval: -5 }],
  ['storageSettings expiresIn "forever"', { storageSettings: { expiresIn: 'forever' } }],
];

let tried = 0;

/** The call must reject (or throw) with `type`, and nothing may have been sent. */
async function expectRefusedBeforeAnyRequest(
  call: () => unknown,
  type: abstract new (...args: never[]) => Error,
) {
  const error = await (async () => call())().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the call succeeded').toBeDefined();
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message.length).toBeGreaterThan(10);
  expect(sent).toEqual([]);
  expect(emulator.requests()).toEqual([]);
  tried++;
}

/** Every entry point that takes an endpoint id (and, where it has one, an input). */
const entryPoints: Array<
  [string, (id: string, input?: unknown, options?: Record<string, unknown>) => unknown]
> = [
  ['run', (id, input, options) => client.run(id, { input: input as never, ...options })],
  ['subscribe', (id, input, options) => client.subscribe(id, { input: input as never, ...options })],
  ['queue.submit', (id, input, options) => client.queue.submit(id, { input: input as never, ...options })],
  ['submit', (id, input, options) => client.submit(id, { input: input as never, ...options })],
  ['stream', (id, input, options) => client.stream(id, { input: input as never, ...options })],
];

/** Entry points that take an endpoint id and a request id. */
const byRequestId: Array<[string, (id: string, requestId: string) => unknown]> = [
  ['queue.status', (id, requestId) => client.queue.status(id, { requestId })],
  ['queue.result', (id, requestId) => client.queue.result(id, { requestId })],
  ['queue.cancel', (id, requestId) => client.queue.cancel(id, { requestId })],
  ['queue.streamStatus', (id, requestId) => client.queue.streamStatus(id, { requestId })],
  ['queue.subscribeToStatus', (id, requestId) => client.queue.subscribeToStatus(id, { requestId })],
  ['status', (id, requestId) => client.status(id, requestId)],
  ['result', (id, requestId) => client.result(id, requestId)],
  ['cancel', (id, requestId) => client.cancel(id, requestId)],
  ['handle', (id, requestId) => client.handle(id, requestId)],
];

describe('malformed endpoint ids', () => {
  it.each(entryPoints)('%s refuses every malformed id', async (_name, call) => {
    for (const id of BAD_IDS) {
      await expectRefusedBeforeAnyRequest(() => call(id as string, {}), FalInputError);
    }
  });

  it.each(byRequestId)('%s refuses malformed endpoint and request ids', async (_name, call) => {
    for (const id of BAD_IDS)
      await expectRefusedBeforeAnyRequest(() => call(id as string, 'abc'), FalInputError);
    for (const requestId of ['', ' ', '.', '..', 42, null, undefined, {}]) {
      await expectRefusedBeforeAnyRequest(() => call('falkit/echo', requestId as string), FalInputError);
    }
  });

  it.each(
    byRequestId.filter(
      ([name]) => !['handle', 'queue.streamStatus', 'queue.subscribeToStatus'].includes(name),
    ),
  )('%s percent-encodes hostile request ids: they cannot leave /requests/', async (_name, call) => {
    for (const requestId of ['../../fal-ai/flux', 'a/b', 'x?y=1', 'x#y', 'a b', '%2e%2e']) {
      await Promise.resolve(call('falkit/echo', requestId)).catch(() => {});
      for (const entry of emulator.requests())
        expect(entry.path).toMatch(/^\/falkit\/echo\/requests\/[^/]+(\/status(\/stream)?|\/cancel)?$/);
      expect(emulator.requests().length).toBeGreaterThan(0);
      emulator.clearRequests();
      sent.length = 0;
      tried++;
    }
  });

  it('parseEndpointId refuses them too', () => {
    for (const id of BAD_IDS) expect(() => parseEndpointId(id as string)).toThrow(FalInputError);
  });
});

describe('non-serialisable inputs', () => {
  it.each(entryPoints)(
    '%s refuses functions, BigInt, symbols, cycles, NaN, Map/Set and buffers',
    async (_name, call) => {
      for (const [, input] of BAD_INPUTS)
        await expectRefusedBeforeAnyRequest(() => call('falkit/echo', input), FalInputError);
    },
  );

  it('a hugely nested input fails with FalInputError, not a stack overflow', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    await expectRefusedBeforeAnyRequest(() => client.run('falkit/echo', { input: { deep } }), FalInputError);
  });
});

describe('bad options', () => {
  /** Waiting options (`timeout`, `pollInterval`) belong to the calls that wait; the rest to submits. */
  const callsFor = (options: Record<string, unknown>) =>
    'timeout' in options || 'pollInterval' in options
      ? [
          () => client.subscribe('falkit/echo', { input: {}, ...options }),
          () => client.queue.subscribeToStatus('falkit/echo', { requestId: 'r1', ...options }),
          () => client.handle('falkit/echo', 'r1').result(options),
          ...('timeout' in options ? [() => client.run('falkit/echo', { input: {}, ...options })] : []),
        ]
      : [
          () => client.subscribe('falkit/echo', { input: {}, ...options }),
          () => client.queue.submit('falkit/echo', { input: {}, ...options }),
          () => client.submit('falkit/echo', { input: {}, ...options }),
        ];

  it.each(BAD_OPTIONS)('%s', async (_name, options) => {
    for (const call of callsFor(options)) await expectRefusedBeforeAnyRequest(call, FalInputError);
  });

  it.each([
    ['stream timeout -1', { timeout: -1 }],
    ['stream timeout NaN', { timeout: Number.NaN }],
    ['stream signal {}', { signal: {} }],
  ])('%s', async (_name, options) => {
    await expectRefusedBeforeAnyRequest(
      () => client.stream('falkit/echo', { input: {}, ...(options as object) }),
      FalInputError,
    );
  });

  it.each([
    ['baseUrl ftp:', { baseUrl: 'ftp://x' }],
    ['baseUrl relative', { baseUrl: '/api' }],
    ['fetch not a function', { fetch: 'fetch' }],
    ['defaultTimeout 0', { defaultTimeout: 0 }],
    ['defaultTimeout NaN', { defaultTimeout: Number.NaN }],
  ])('createFalClient: %s', async (_name, config) => {
    await expectRefusedBeforeAnyRequest(() => createFalClient(config as never), FalInputError);
  });
});

describe('storage and encoding', () => {
  it.each([
    ['neither a Blob, bytes nor text', () => client.storage.upload(42 as never)],
    ['an empty contentType', () => client.storage.upload(new Uint8Array(1), { contentType: '' })],
    ['null', () => client.storage.upload(null as never)],
    ['concurrency 0', () => client.storage.upload(new Blob(['x']), { concurrency: 0 })],
    ['concurrency 1.5', () => client.storage.upload(new Blob(['x']), { concurrency: 1.5 })],
    ['partSize -1', () => client.storage.upload(new Blob(['x']), { partSize: -1 })],
    [
      'multipartThreshold NaN',
      () => client.storage.upload(new Blob(['x']), { multipartThreshold: Number.NaN }),
    ],
    ['lifecycle "forever"', () => client.storage.upload(new Blob(['x']), { lifecycle: 'forever' as never })],
    ['lifecycle -5', () => client.storage.upload(new Blob(['x']), { lifecycle: -5 })],
    ['lifecycle NaN', () => client.storage.upload(new Blob(['x']), { lifecycle: Number.NaN })],
    ['onProgress not a function', () => client.storage.upload(new Blob(['x']), { onProgress: 1 as never })],
    ['transformInput with a cycle', () => client.storage.transformInput({ a: new Blob(['x']), cyclic })],
    [
      'transformInput concurrency 0',
      () => client.storage.transformInput({ a: new Blob(['x']) }, { concurrency: 0 }),
    ],
    ['transformInput dataUrlThreshold -1', () => client.storage.transformInput({}, { dataUrlThreshold: -1 })],
  ] as const)('storage: %s', async (_name, call) => {
    await expectRefusedBeforeAnyRequest(call, FalInputError);
  });

  it.each([
    ['encode with a malformed content type', () => encode('x', 'not a mime')],
    ['encode with an empty content type', () => encode('x', '')],
    ['encodeBlob of a string', () => encodeBlob('x' as never)],
  ] as const)('%s throws before doing anything', async (_name, call) => {
    await expectRefusedBeforeAnyRequest(call, FalInputError);
  });
});

describe('observers (what the React hooks run on)', () => {
  it('UploadObserver: files over maxSize, wrong type or too many are rejected with typed codes, nothing sent', async () => {
    const observer = new UploadObserver(client as never, {
      maxSize: 1024,
      maxFiles: 2,
      accept: { 'image/*': ['.png'] },
    });
    const unsubscribe = observer.subscribe(() => {});
    const tooBig = new File([new Uint8Array(2048)], 'big.png', { type: 'image/png' });
    const wrongType = new File(['x'], 'note.txt', { type: 'text/plain' });
    const error = await observer.upload([tooBig, wrongType]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UploadRejectedError);
    expect((error as UploadRejectedError).rejections.map((r) => r.code).sort()).toEqual([
      'file-invalid-type',
      'file-too-large',
    ]);
    const tooMany = await observer
      .upload([1, 2, 3].map((i) => new File(['x'], `${i}.png`, { type: 'image/png' })))
      .catch((caught: unknown) => caught);
    expect(tooMany).toBeInstanceOf(UploadRejectedError);
    expect((tooMany as UploadRejectedError).rejections.map((r) => r.code)).toContain('too-many-files');
    unsubscribe();
    expect(sent).toEqual([]);
    expect(emulator.requests()).toEqual([]);
    tried += 3;
  });

  it('SubscribeObserver with a malformed endpoint id ends in error without sending anything', async () => {
    const observer = new SubscribeObserver(client as never, { endpointId: 'not an id', input: { a: 1 } });
    const unsubscribe = observer.subscribe(() => {});
    await expect.poll(() => observer.getSnapshot().status).toBe('error');
    expect(observer.getSnapshot().error).toBeInstanceOf(FalInputError);
    unsubscribe();
    expect(sent).toEqual([]);
    tried++;
  });
});

describe('the proxy: hostile URLs and auth (nothing reaches the emulator)', () => {
  const proxy = createProxyHandler({
    allowedEndpoints: ['falkit/echo'],
    emulatorOrigin: 'http://emulator.test',
    env: { FAL_KEY: 'server-key' },
    authorize: (request) => request.headers.get('cookie') === 'session=ok',
    // Read the body as a network fetch would, so the proxy's streaming size limit applies.
    fetch: async (request) =>
      emulator.fetch(
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: await request.arrayBuffer(),
        }),
      ),
    maxBodyBytes: 1024,
  });
  const call = (target: string | null, init: RequestInit & { session?: boolean } = {}) => {
    const headers = new Headers(init.headers);
    if (target !== null) headers.set('x-fal-target-url', target);
    if (init.session !== false) headers.set('cookie', 'session=ok');
    return proxy(new Request('http://app.test/api/fal/proxy', { method: 'POST', ...init, headers }));
  };

  it.each([
    ['no target header', null, 400],
    ['target not a URL', 'not a url', 400],
    ['another host', 'https://evil.example/falkit/echo', 403],
    ['a look-alike host', 'https://fal.run.evil.example/falkit/echo', 403],
    ['userinfo in the URL', 'https://user:pass@fal.run/falkit/echo', 400],
    ['http instead of https', 'http://fal.run/falkit/echo', 400],
    ['another port', 'https://fal.run:8443/falkit/echo', 400],
    ['an endpoint outside the allow-list', 'https://fal.run/fal-ai/flux/dev', 403],
    ['path traversal', 'https://fal.run/falkit/echo/../../fal-ai/flux', 403],
    ['encoded traversal', 'https://fal.run/falkit/echo/%2e%2e/%2e%2e/fal-ai/flux', 403],
    ['a non-fal scheme', 'file:///etc/passwd', 400],
    ['javascript: URL', 'javascript:alert(1)', 400],
  ] as const)('%s is refused', async (_name, target, minimumStatus) => {
    const response = await call(target, { body: '{}' });
    expect(response.status).toBeGreaterThanOrEqual(minimumStatus);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('x-falkit-proxy-error')).toBeTruthy();
    expect(emulator.requests()).toEqual([]);
    tried++;
  });

  it('refuses unauthenticated callers (401), unknown methods (405) and oversized bodies (413)', async () => {
    const unauthenticated = await call('https://fal.run/falkit/echo', { body: '{}', session: false });
    expect(unauthenticated.status).toBe(401);
    const method = await call('https://fal.run/falkit/echo', { method: 'DELETE' });
    expect(method.status).toBe(405);
    const huge = await call('https://fal.run/falkit/echo', { body: JSON.stringify({ x: 'y'.repeat(4096) }) });
    expect(huge.status).toBe(413);
    expect(emulator.requests()).toEqual([]);
    tried += 3;
  });

  it('never forwards the client’s own Authorization; never sends "Key undefined"', async () => {
    const withKey = createProxyHandler({
      allowedEndpoints: ['falkit/echo'],
      emulatorOrigin: 'http://emulator.test',
      env: {},
      fetch: (request) => emulator.fetch(request),
    });
    const response = await withKey(
      new Request('http://app.test/api/fal/proxy', {
        method: 'POST',
        headers: { 'x-fal-target-url': 'https://fal.run/falkit/echo', authorization: 'Key client-key' },
        body: '{}',
      }),
    );
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('missing_credentials');
    expect(emulator.requests()).toEqual([]);
    expect(() => createProxyHandler({} as never)).toThrow(ProxyConfigError);
    tried += 2;
  });
});

describe('the emulator fed malformed requests stays up', () => {
  it('answers garbage over a raw socket, malformed JSON and absurd routes, then serves a real job', async () => {
    const server = await emulator.listen({ port: 0 });
    try {
      const { port } = new URL(server.url);
      const raw = [
        'GARBAGE\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
        'POST /fal.run/falkit/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        '\u0000\u0001\u0002\r\n\r\n',
      ];
      for (const payload of raw) {
        await new Promise<void>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(payload));
          socket.on('data', () => {});
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
        });
      }
      const malformed = [
        fetch(`${server.url}/queue.fal.run/falkit/echo`, {
          method: 'POST',
          body: '{"unterminated',
          headers: { 'content-type': 'application/json' },
        }),
        fetch(`${server.url}/queue.fal.run/falkit/echo`, {
          method: 'POST',
          body: '\u0000\u00ff',
          headers: { 'content-type': 'application/json' },
        }),
        fetch(`${server.url}/queue.fal.run/falkit/echo/requests/%00/status`),
        fetch(`${server.url}/queue.fal.run/falkit/echo/requests/${'x'.repeat(5000)}`),
        fetch(`${server.url}/rest.fal.ai/storage/upload/initiate?storage_type=nope`, {
          method: 'POST',
          body: '[]',
        }),
        fetch(`${server.url}/fal.run/`, { method: 'PATCH', body: 'x' }),
        fetch(`${server.url}/__emulator/faults`, { method: 'POST', body: '{"type":"explode"}' }),
      ];
      for (const response of await Promise.all(malformed)) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        await response.body?.cancel();
      }
      // Traversal over a raw socket: fetch would normalise `..` away before the request left.
      const traversals = [
        '/v3.fal.media/files/../../etc/passwd',
        '/v3.fal.media/files/%2e%2e/%2e%2e/etc/passwd',
        '/v3.fal.media/files/..%2f..%2fetc%2fpasswd',
        '/v3.fal.media/../../../../etc/passwd',
      ];
      for (const path of traversals) {
        const { status, text } = await rawGet(Number(port), path);
        expect(status, path).toBeGreaterThanOrEqual(400);
        expect(status, path).toBeLessThan(500);
        expect(text, path).not.toMatch(/root:/);
      }
      tried += raw.length + malformed.length + traversals.length;
      const healthy = createFalClient({ credentials: 'k', baseUrl: server.url });
      expect((await healthy.subscribe('falkit/echo', { input: { still: 'up' } })).data).toEqual({
        still: 'up',
      });
    } finally {
      await server.close();
    }
  });
});

/** A GET whose path goes out byte for byte (no URL normalisation); returns the status line's code. */
function rawGet(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
  });
}

afterAll(() => {
  record({
    suite: 'hostile',
    name: 'bad inputs for every public function, proxy hostile URLs and auth, malformed requests to the emulator',
    outcome: 'each refused with its typed error before any request; emulator stayed up',
    badInputsTried: tried,
  });
});
