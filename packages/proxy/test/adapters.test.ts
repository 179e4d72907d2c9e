import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import type { Handler as HonoHandler } from 'hono';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ProxyConfig } from '../src/index';
import { createExpressMiddleware, type ExpressProxyMiddleware } from '../src/entries/express';
import { createHonoHandler, type HonoProxyHandler } from '../src/entries/hono';
import { createPagesRouteHandler, createRouteHandler, type RouteHandlers } from '../src/entries/nextjs';
import { createNodeHandler } from '../src/entries/node';

/** A controllable fal stand-in: echoes bodies, streams SSE on demand, hangs until aborted. */
function upstream() {
  const encoder = new TextEncoder();
  const seen: { url: string; authorization: string | null; bytes: Uint8Array }[] = [];
  let push: (text: string) => void = () => {};
  let finish: () => void = () => {};
  let streamCancelled = false;
  const aborted: boolean[] = [];
  const hanging: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/stream')) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (text) => controller.enqueue(encoder.encode(text));
          finish = () => controller.close();
        },
        cancel() {
          streamCancelled = true;
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }
    if (path.endsWith('/hang')) {
      hanging.push(request);
      return new Promise((_resolve, reject) => {
        request.signal.addEventListener('abort', () => {
          aborted.push(true);
          reject(request.signal.reason);
        });
      });
    }
    const bytes = new Uint8Array(await request.arrayBuffer());
    seen.push({ url: request.url, authorization: request.headers.get('authorization'), bytes });
    return new Response(bytes, {
      status: 201,
      headers: { 'content-type': 'application/octet-stream', 'x-fal-request-id': 'req-1' },
    });
  };
  return {
    fetch,
    seen,
    aborted,
    hanging,
    push: (t: string) => push(t),
    finish: () => finish(),
    streamCancelled: () => streamCancelled,
  };
}

// Comparing digests: a deep equality over 200 000 elements is slow and its diff unreadable anyway.
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(
    servers.map((s) => {
      const closed = new Promise((resolve) => s.close(resolve));
      s.closeAllConnections(); // idle keep-alive sockets would hold close() for seconds
      return closed;
    }),
  );
});

function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** An in-process "server" for web-standard adapters: fetch goes straight to the handler. */
function webServer(handle: (request: Request) => Promise<Response>) {
  return { url: 'http://app.test', fetch: handle };
}

const adapters: Record<string, (config: ProxyConfig) => Promise<{ url: string; fetch: typeof fetch }>> = {
  'node http': async (config) => ({ url: await listen(createNodeHandler(config)), fetch }),
  express: async (config) => {
    const app = express();
    app.all('/api/fal/proxy', createExpressMiddleware(config));
    return { url: `${await listen(app)}/api/fal/proxy`, fetch };
  },
  'next.js pages router': async (config) => ({ url: await listen(createPagesRouteHandler(config)), fetch }),
  'next.js app router': async (config) => {
    const { GET, POST, PUT } = createRouteHandler(config);
    const byMethod: Record<string, (r: Request) => Promise<Response>> = { GET, POST, PUT };
    const web = webServer(async (request) =>
      (byMethod[request.method] ?? (async () => new Response(null, { status: 405 })))(request),
    );
    return {
      url: web.url,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        web.fetch(new Request(input, init))) as typeof fetch,
    };
  },
  hono: async (config) => {
    const app = new Hono();
    app.all('/api/fal/proxy', createHonoHandler(config));
    return {
      url: 'http://app.test/api/fal/proxy',
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        app.fetch(new Request(input, init))) as typeof fetch,
    };
  },
};

describe.each(Object.entries(adapters))('%s adapter', (_name, mount) => {
  const base = { allowedEndpoints: ['fal-ai/**'], env: { FAL_KEY: 'server-key' } } satisfies ProxyConfig;

  it('forwards a binary body byte for byte with the server key, and relays status and body', async () => {
    const fal = upstream();
    const server = await mount({ ...base, fetch: fal.fetch });
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31 + 7) % 256);
    const response = await server.fetch(server.url, {
      method: 'POST',
      body: bytes,
      headers: {
        'x-fal-target-url': 'https://fal.run/fal-ai/echo',
        'content-type': 'application/octet-stream',
        authorization: 'Key client-key',
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-fal-request-id')).toBe('req-1');
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(bytes));
    expect(fal.seen).toHaveLength(1);
    expect(sha256(fal.seen[0]!.bytes)).toBe(sha256(bytes));
    expect(fal.seen[0]!.authorization).toBe('Key server-key');
  });

  it('streams SSE events as they are produced', async () => {
    const fal = upstream();
    const server = await mount({ ...base, fetch: fal.fetch });
    const response = await server.fetch(server.url, {
      method: 'POST',
      body: '{}',
      headers: { 'x-fal-target-url': 'https://fal.run/fal-ai/llm/stream', accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    fal.push('data: {"n":1}\n\n');
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"n":1}\n\n');
    fal.push('data: {"n":2}\n\n');
    fal.finish();
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      rest += new TextDecoder().decode(next.value);
    }
    expect(rest).toBe('data: {"n":2}\n\n');
  });

  it("stops reading fal's stream when the client goes away mid-stream", async () => {
    const fal = upstream();
    const server = await mount({ ...base, fetch: fal.fetch });
    const response = await server.fetch(server.url, {
      method: 'POST',
      body: '{}',
      headers: { 'x-fal-target-url': 'https://fal.run/fal-ai/llm/stream', accept: 'text/event-stream' },
    });
    const reader = response.body!.getReader();
    fal.push('data: {"n":1}\n\n');
    await reader.read();
    expect(fal.streamCancelled()).toBe(false);
    await reader.cancel();
    await expect.poll(() => fal.streamCancelled()).toBe(true);
  });

  it('answers refusals with their status codes and JSON, not 200', async () => {
    const fal = upstream();
    const server = await mount({ ...base, fetch: fal.fetch });
    const forbidden = await server.fetch(server.url, {
      method: 'POST',
      body: '{}',
      headers: { 'x-fal-target-url': 'https://fal.run.evil.com/fal-ai/x' },
    });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error_type).toBe('proxy_target_not_allowed');
    const missing = await server.fetch(server.url, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(400);
    await missing.arrayBuffer();
    const keyless = await mount({ ...base, env: {}, fetch: fal.fetch });
    const noKey = await keyless.fetch(keyless.url, {
      method: 'POST',
      body: '{}',
      headers: { 'x-fal-target-url': 'https://fal.run/fal-ai/x' },
    });
    expect(noKey.status).toBe(500);
    expect((await noKey.json()).message).toMatch(/FAL_KEY/);
    expect(fal.seen).toHaveLength(0);
  });

  it('refuses a body past the limit with 413', async () => {
    const fal = upstream();
    const server = await mount({ ...base, fetch: fal.fetch, maxBodyBytes: 1024 });
    const response = await server.fetch(server.url, {
      method: 'POST',
      body: new Uint8Array(4096),
      headers: { 'x-fal-target-url': 'https://fal.run/fal-ai/x' },
    });
    expect(response.status).toBe(413);
    await response.arrayBuffer();
    expect(fal.seen).toHaveLength(0);
  });

  it('aborts the fal request when the client goes away', async () => {
    const fal = upstream();
    const server = await mount({ ...base, fetch: fal.fetch });
    const client = new AbortController();
    const pending = server
      .fetch(server.url, {
        method: 'POST',
        body: '{}',
        signal: client.signal,
        headers: { 'x-fal-target-url': 'https://fal.run/fal-ai/hang' },
      })
      .catch((error: unknown) => error);
    await expect.poll(() => fal.hanging.length).toBe(1);
    expect(fal.aborted).toHaveLength(0);
    client.abort();
    await pending;
    await expect.poll(() => fal.aborted.length).toBe(1);
  });
});

describe('express specifics', () => {
  const base = { allowedEndpoints: ['fal-ai/**'], env: { FAL_KEY: 'k' } } satisfies ProxyConfig;

  it('explains a body parser mounted before the proxy instead of forwarding a re-serialised body', async () => {
    const fal = upstream();
    const app = express();
    app.use(express.json());
    app.all('/p', createExpressMiddleware({ ...base, fetch: fal.fetch }));
    const url = await listen(app);
    const response = await fetch(`${url}/p`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'x-fal-target-url': 'https://fal.run/fal-ai/x' },
    });
    expect(response.status).toBe(500);
    expect((await response.json()).message).toMatch(/express\.json/);
    expect(fal.seen).toHaveLength(0);
  });

  it('forwards express.raw() bodies unchanged', async () => {
    const fal = upstream();
    const app = express();
    app.use(express.raw({ type: '*/*' }));
    app.all('/p', createExpressMiddleware({ ...base, fetch: fal.fetch }));
    const url = await listen(app);
    const bytes = Uint8Array.from([0, 255, 1, 254, 10, 13]);
    const response = await fetch(`${url}/p`, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream', 'x-fal-target-url': 'https://fal.run/fal-ai/x' },
    });
    expect(response.status).toBe(201);
    expect(fal.seen[0]!.bytes).toEqual(bytes);
  });

  it('throws its configuration error when the route is defined', () => {
    expect(() => createExpressMiddleware({ env: {} })).toThrow(/allowedEndpoints/);
  });
});

describe.each([
  ['node http', (config: ProxyConfig) => listen(createNodeHandler(config))],
  ['next.js pages router', (config: ProxyConfig) => listen(createPagesRouteHandler(config))],
  [
    'express',
    async (config: ProxyConfig) => {
      const app = express();
      app.all('/api/fal/proxy', createExpressMiddleware(config));
      return `${await listen(app)}/api/fal/proxy`;
    },
  ],
] as const)('%s adapter with methods fetch cannot carry', (_name, mount) => {
  it.each(['TRACE'])('answers %s with a JSON 405, never reaching fal', async (method) => {
    const fal = upstream();
    const url = new URL(
      await mount({ allowedEndpoints: ['fal-ai/**'], env: { FAL_KEY: 'k' }, fetch: fal.fetch }),
    );
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        url,
        { method, headers: { 'x-fal-target-url': 'https://fal.run/fal-ai/x' } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(response.status).toBe(405);
    expect(JSON.parse(response.body).error_type).toBe('proxy_method_not_allowed');
    expect(fal.seen).toHaveLength(0);
  });
});

describe('adapter types', () => {
  it('fit their frameworks', () => {
    expectTypeOf(createRouteHandler).returns.toEqualTypeOf<RouteHandlers>();
    expectTypeOf<RouteHandlers['POST']>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf<ExpressProxyMiddleware>().toExtend<express.RequestHandler>();
    expectTypeOf<HonoProxyHandler>().toExtend<HonoHandler>();
    expectTypeOf(createNodeHandler).returns.toExtend<
      (req: IncomingMessage, res: ServerResponse) => unknown
    >();
  });
});
