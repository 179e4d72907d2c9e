import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AuthorizeResult,
  createProxyHandler,
  DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS,
  type ProxyConfig,
  ProxyConfigError,
  type ProxyHandler,
} from '../src/index';
import { recordingUpstream, streamOf, toProxy } from './support';

const env = { FAL_KEY: 'server-key' };
const RUN = 'https://fal.run/fal-ai/flux/dev';

function proxy(
  config: Partial<ProxyConfig> = {},
  respond?: (request: Request) => Response | Promise<Response>,
) {
  const upstream = recordingUpstream(respond);
  const handler = createProxyHandler({
    allowedEndpoints: ['fal-ai/flux/*'],
    env,
    fetch: upstream.fetch,
    ...config,
  });
  return { handler, upstream };
}

async function errorOf(response: Response) {
  return (await response.json()) as { error_type: string; message: string; detail: string };
}

describe('configuration', () => {
  it('refuses to start without an allow-list', () => {
    expect(() => createProxyHandler({ env })).toThrow(ProxyConfigError);
    expect(() => createProxyHandler({ env })).toThrow(/allowedEndpoints.*allowAllEndpoints: true/);
  });

  it('refuses an empty allow-list, negations and host-qualified patterns', () => {
    expect(() => createProxyHandler({ allowedEndpoints: [] })).toThrow(/empty/);
    expect(() => createProxyHandler({ allowedEndpoints: ['!fal-ai/x'] })).toThrow(/negated/);
    expect(() => createProxyHandler({ allowedEndpoints: ['https://fal.run/fal-ai/x'] })).toThrow(
      /without host/,
    );
    expect(() => createProxyHandler({ allowedEndpoints: ['/fal-ai/x'] })).toThrow(/leading slash/);
  });

  it('starts with allowAllEndpoints: true', () => {
    expect(() => createProxyHandler({ allowAllEndpoints: true })).not.toThrow();
  });

  it('validates the emulator origin, methods and body limit', () => {
    const base = { allowAllEndpoints: true } as const;
    expect(() => createProxyHandler({ ...base, target: 'emulator' })).toThrow(/emulatorOrigin/);
    expect(() => createProxyHandler({ ...base, emulatorOrigin: 'http://127.0.0.1:4000/api' })).toThrow(
      /origin only/,
    );
    expect(() => createProxyHandler({ ...base, emulatorOrigin: 'ftp://127.0.0.1' })).toThrow(/http/);
    expect(() => createProxyHandler({ ...base, allowedMethods: ['DELETE' as 'GET'] })).toThrow(/DELETE/);
    expect(() => createProxyHandler({ ...base, maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
  });

  it('has a web-standard handler type', () => {
    expectTypeOf(createProxyHandler).returns.toEqualTypeOf<ProxyHandler>();
    expectTypeOf<ProxyHandler>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf<AuthorizeResult>().toEqualTypeOf<boolean | { status: 401 | 403; message?: string }>();
  });
});

describe('allow-list', () => {
  it.each([
    ['POST', RUN],
    ['GET', `${RUN}?prompt=x`],
    ['POST', 'https://fal.run/fal-ai/flux/dev/stream'],
    ['POST', 'https://queue.fal.run/fal-ai/flux/schnell'],
    ['GET', 'https://queue.fal.run/fal-ai/flux/requests/0b7e-42/status?logs=1'],
    ['GET', 'https://queue.fal.run/fal-ai/flux/requests/0b7e-42/status/stream'],
    ['GET', 'https://queue.fal.run/fal-ai/flux/requests/0b7e-42'],
    ['PUT', 'https://queue.fal.run/fal-ai/flux/requests/0b7e-42/cancel'],
    ['POST', 'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3'],
    ['POST', 'https://rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3'],
  ])('lets %s %s through', async (method, target) => {
    const { handler, upstream } = proxy();
    const response = await handler(toProxy(target, { method, ...(method === 'GET' ? {} : { body: '{}' }) }));
    expect(response.status).toBe(200);
    expect(upstream.calls).toHaveLength(1);
  });

  it.each([
    ['POST', 'https://fal.run/fal-ai/other-model'],
    ['GET', 'https://fal.run/fal-ai/other-model?prompt=x'],
    ['POST', 'https://fal.run/fal-ai/flux/dev/extra'],
    ['POST', 'https://queue.fal.run/someone/else'],
    ['POST', 'https://fal.run/fal-ai/fluxx/dev'],
    ['GET', 'https://queue.fal.run/fal-ai/other/requests/0b7e-42/status'],
    ['PUT', 'https://queue.fal.run/fal-ai/other/requests/0b7e-42/cancel'],
  ])('refuses %s %s with 403 endpoint_not_allowed', async (method, target) => {
    const { handler, upstream } = proxy();
    const response = await handler(toProxy(target, { method, ...(method === 'GET' ? {} : { body: '{}' }) }));
    expect(response.status).toBe(403);
    expect((await errorOf(response)).error_type).toBe('proxy_endpoint_not_allowed');
    expect(upstream.calls).toHaveLength(0);
  });

  it.each([
    ['PUT', RUN],
    ['GET', 'https://queue.fal.run/fal-ai/flux/dev'],
    ['PUT', 'https://queue.fal.run/fal-ai/flux/requests/0b7e-42/status'],
    ['GET', 'https://queue.fal.run/fal-ai/flux/requests/0b7e-42/cancel'],
    ['GET', 'https://rest.fal.ai/tokens/'],
    ['PUT', 'https://v3.fal.media/files/upload'],
  ])('refuses %s %s (wrong method for the route)', async (method, target) => {
    const { handler, upstream } = proxy();
    const response = await handler(toProxy(target, { method, ...(method === 'GET' ? {} : { body: '{}' }) }));
    expect(response.status).toBe(403);
    expect(upstream.calls).toHaveLength(0);
  });

  it('lets namespaced and brace patterns match', async () => {
    const { handler, upstream } = proxy({ allowedEndpoints: ['workflows/me/*', 'fal-ai/{flux,sdxl}/dev'] });
    for (const target of [
      'https://queue.fal.run/workflows/me/my-flow',
      'https://fal.run/fal-ai/sdxl/dev',
      'https://queue.fal.run/workflows/me/my-flow/requests/1-2/status',
    ]) {
      const method = target.includes('/requests/') ? 'GET' : 'POST';
      expect(
        (await handler(toProxy(target, { method, ...(method === 'POST' ? { body: '{}' } : {}) }))).status,
      ).toBe(200);
    }
    expect((await handler(toProxy('https://fal.run/fal-ai/sdxl/turbo', { body: '{}' }))).status).toBe(403);
    expect(upstream.calls).toHaveLength(3);
  });

  describe('token route', () => {
    const TOKENS = 'https://rest.fal.ai/tokens/';

    it('mints tokens for allowed apps and forwards the body unchanged', async () => {
      const { handler, upstream } = proxy({}, () => Response.json('jwt-token'));
      const body = '{"allowed_apps":["flux"],"token_expiration":120}';
      const response = await handler(
        toProxy(TOKENS, { body, headers: { 'content-type': 'application/json' } }),
      );
      expect(await response.json()).toBe('jwt-token');
      expect(await upstream.calls[0]!.text()).toBe(body);
    });

    it('refuses tokens for apps outside the allow-list (a token would bypass it)', async () => {
      const { handler, upstream } = proxy();
      const response = await handler(toProxy(TOKENS, { body: '{"allowed_apps":["flux","sdxl"]}' }));
      expect(response.status).toBe(403);
      expect((await errorOf(response)).message).toContain('sdxl');
      expect(upstream.calls).toHaveLength(0);
    });

    it.each([['fal-ai/*'], ['fal-ai/**'], ['*/flux']])(
      'with %s, never mints a token for an app whose owner the allow-list does not name',
      async (pattern) => {
        const { handler, upstream } = proxy({ allowedEndpoints: [pattern] }, () => Response.json('jwt'));
        for (const app of ['some-other-owners-app', 'flux']) {
          const response = await handler(toProxy(TOKENS, { body: JSON.stringify({ allowed_apps: [app] }) }));
          expect(response.status, `${pattern} → ${app}`).toBe(403);
          expect((await errorOf(response)).error_type).toBe('proxy_endpoint_not_allowed');
        }
        expect(upstream.calls).toHaveLength(0);
        // The same owner's named app still gets one.
        const named = proxy({ allowedEndpoints: [pattern, 'fal-ai/flux/**'] }, () => Response.json('jwt'));
        const response = await named.handler(toProxy(TOKENS, { body: '{"allowed_apps":["flux"]}' }));
        expect(response.status).toBe(200);
      },
    );

    it('caps token_expiration (default 300 s, maxTokenExpirationSeconds), also with allowAllEndpoints', async () => {
      const requested = async (config: Partial<ProxyConfig>, body: Record<string, unknown>) => {
        const { handler, upstream } = proxy(config, () => Response.json('jwt'));
        const response = await handler(toProxy(TOKENS, { body: JSON.stringify(body) }));
        expect(response.status).toBe(200);
        return (JSON.parse(await upstream.calls[0]!.text()) as { token_expiration?: number })
          .token_expiration;
      };
      expect(DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS).toBe(300);
      expect(await requested({}, { allowed_apps: ['flux'], token_expiration: 86_400 })).toBe(300);
      expect(await requested({}, { allowed_apps: ['flux'] })).toBe(300);
      expect(await requested({}, { allowed_apps: ['flux'], token_expiration: 120 })).toBe(120);
      expect(
        await requested({ maxTokenExpirationSeconds: 60 }, { allowed_apps: ['flux'], token_expiration: 120 }),
      ).toBe(60);
      expect(
        await requested({ allowAllEndpoints: true }, { allowed_apps: ['anything'], token_expiration: 1e9 }),
      ).toBe(300);
    });

    it('refuses a token_expiration that is not a positive number, and a bad maxTokenExpirationSeconds', async () => {
      const { handler, upstream } = proxy();
      for (const expiration of ['120', -1, 0, null, true]) {
        const body = JSON.stringify({ allowed_apps: ['flux'], token_expiration: expiration });
        expect((await handler(toProxy(TOKENS, { body }))).status, String(expiration)).toBe(400);
      }
      expect(upstream.calls).toHaveLength(0);
      for (const bad of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => proxy({ maxTokenExpirationSeconds: bad })).toThrow(ProxyConfigError);
      }
    });

    it('refuses malformed token requests', async () => {
      const { handler, upstream } = proxy();
      for (const body of ['not json', '{}', '{"allowed_apps":[]}', '{"allowed_apps":[1]}', undefined]) {
        expect((await handler(toProxy(TOKENS, body === undefined ? {} : { body }))).status).toBe(400);
      }
      expect(upstream.calls).toHaveLength(0);
    });
  });
});

describe('methods, authorization and rate limits', () => {
  it.each(['DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405', async (method) => {
    const { handler, upstream } = proxy();
    const response = await handler(toProxy(RUN, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST, PUT');
    expect(upstream.calls).toHaveLength(0);
  });

  it('narrows methods with allowedMethods', async () => {
    const { handler } = proxy({ allowedMethods: ['POST'] });
    expect((await handler(toProxy(`${RUN}?x=1`, { method: 'GET' }))).status).toBe(405);
  });

  it('answers 401 JSON when authorize returns false, and passes the request to the hook', async () => {
    const seen: string[] = [];
    const { handler, upstream } = proxy({
      authorize: (request) => {
        seen.push(request.headers.get('cookie') ?? '');
        return false;
      },
    });
    const response = await handler(toProxy(RUN, { body: '{}', headers: { cookie: 'session=abc' } }));
    expect(response.status).toBe(401);
    expect((await errorOf(response)).error_type).toBe('proxy_unauthorized');
    expect(seen).toEqual(['session=abc']);
    expect(upstream.calls).toHaveLength(0);
  });

  it('answers with the status and message of an explicit denial', async () => {
    const { handler } = proxy({ authorize: async () => ({ status: 403, message: 'Upgrade your plan' }) });
    const response = await handler(toProxy(RUN, { body: '{}' }));
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({
      error_type: 'proxy_forbidden',
      message: 'Upgrade your plan',
    });
  });

  it('lets authorized requests through', async () => {
    const { handler, upstream } = proxy({ authorize: () => true });
    expect((await handler(toProxy(RUN, { body: '{}' }))).status).toBe(200);
    expect(upstream.calls).toHaveLength(1);
  });

  it('turns a throwing hook into a 500 that leaks nothing, and reports it', async () => {
    const errors: unknown[] = [];
    const { handler, upstream } = proxy({
      authorize: () => {
        throw new Error('db password is hunter2');
      },
      onError: (error) => errors.push(error),
    });
    const response = await handler(toProxy(RUN, { body: '{}' }));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
    expect(upstream.calls).toHaveLength(0);
  });

  it.each([
    ['undefined', undefined],
    ['a truthy string', 'yes'],
    ['a denial with another status', { status: 200 }],
  ])('fails closed when authorize returns %s', async (_name, verdict) => {
    const errors: unknown[] = [];
    const { handler, upstream } = proxy({
      authorize: () => verdict as never,
      onError: (error) => errors.push(error),
    });
    expect((await handler(toProxy(RUN, { body: '{}' }))).status).toBe(500);
    expect(String(errors[0])).toMatch(/authorize must return/);
    expect(upstream.calls).toHaveLength(0);
  });

  it('answers 429 with Retry-After when the rate limiter says so', async () => {
    const { handler, upstream } = proxy({ rateLimit: () => ({ limited: true, retryAfterSeconds: 7.2 }) });
    const response = await handler(toProxy(RUN, { body: '{}' }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('8');
    expect(upstream.calls).toHaveLength(0);
  });

  it('forwards when the rate limiter allows', async () => {
    const { handler, upstream } = proxy({ rateLimit: async () => ({ limited: false }) });
    expect((await handler(toProxy(RUN, { body: '{}' }))).status).toBe(200);
    expect(upstream.calls).toHaveLength(1);
  });
});

describe('credentials', () => {
  it('sends the server key and never the client-supplied one', async () => {
    const { handler, upstream } = proxy();
    await handler(toProxy(RUN, { body: '{}', headers: { authorization: 'Key stolen-or-forged' } }));
    expect(upstream.calls[0]!.headers.get('authorization')).toBe('Key server-key');
  });

  it('forwards the client key only with allowClientCredentials', async () => {
    const { handler, upstream } = proxy({ allowClientCredentials: true });
    await handler(toProxy(RUN, { body: '{}', headers: { authorization: 'Key client-key' } }));
    await handler(toProxy(RUN, { body: '{}' }));
    expect(upstream.calls.map((r) => r.headers.get('authorization'))).toEqual([
      'Key client-key',
      'Key server-key',
    ]);
  });

  it('joins FAL_KEY_ID and FAL_KEY_SECRET', async () => {
    const { handler, upstream } = proxy({ env: { FAL_KEY_ID: 'id', FAL_KEY_SECRET: 'secret' } });
    await handler(toProxy(RUN, { body: '{}' }));
    expect(upstream.calls[0]!.headers.get('authorization')).toBe('Key id:secret');
  });

  it('uses resolveCredentials when given', async () => {
    const { handler, upstream } = proxy({ resolveCredentials: async () => 'from-vault' });
    await handler(toProxy(RUN, { body: '{}' }));
    expect(upstream.calls[0]!.headers.get('authorization')).toBe('Key from-vault');
  });

  it.each([
    ['no variables', {}],
    ['an empty FAL_KEY', { FAL_KEY: '  ' }],
    ['a key id without its secret', { FAL_KEY_ID: 'id' }],
  ])('answers 500 with a clear message when the server has %s', async (_name, serverEnv) => {
    const { handler, upstream } = proxy({ env: serverEnv });
    const response = await handler(toProxy(RUN, { body: '{}', headers: { authorization: 'Key client' } }));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('FAL_KEY');
    expect(text).not.toContain('undefined');
    expect(upstream.calls).toHaveLength(0);
  });

  it('treats an empty resolveCredentials result as missing', async () => {
    const { handler, upstream } = proxy({ resolveCredentials: () => undefined });
    expect((await handler(toProxy(RUN, { body: '{}' }))).status).toBe(500);
    expect(upstream.calls).toHaveLength(0);
  });
});

describe('headers', () => {
  it('forwards x-fal-*, accept and content-type, and nothing else from the client', async () => {
    const { handler, upstream } = proxy();
    await handler(
      toProxy(RUN, {
        body: '{}',
        headers: {
          accept: 'text/event-stream',
          'content-type': 'application/json; charset=utf-8',
          'x-fal-queue-priority': 'low',
          'x-fal-request-timeout': '30',
          cookie: 'session=secret',
          'x-forwarded-for': '10.0.0.1',
          connection: 'keep-alive',
          'user-agent': 'browser',
        },
      }),
    );
    const sent = Object.fromEntries(upstream.calls[0]!.headers);
    expect(sent).toEqual({
      accept: 'text/event-stream',
      authorization: 'Key server-key',
      'content-type': 'application/json; charset=utf-8',
      'x-fal-client-proxy': '@falkit/proxy',
      'x-fal-queue-priority': 'low',
      'x-fal-request-timeout': '30',
    });
  });

  it('passes upstream status, statusText and headers through, minus hop-by-hop, length, encoding and cookies', async () => {
    const { handler } = proxy({}, () => {
      const body = JSON.stringify({
        detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'missing' }],
      });
      return new Response(body, {
        status: 422,
        statusText: 'Unprocessable Entity',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'x-fal-request-id': 'req-9',
          'x-fal-retryable': 'false',
          'set-cookie': 'fal=1',
          'keep-alive': 'timeout=5',
        },
      });
    });
    const response = await handler(toProxy(RUN, { body: '{}' }));
    expect(response.status).toBe(422);
    expect(response.statusText).toBe('Unprocessable Entity');
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/json',
      'x-fal-request-id': 'req-9',
      'x-fal-retryable': 'false',
    });
    expect((await response.json()).detail[0].msg).toBe('field required');
  });
});

describe('bodies', () => {
  it('forwards binary bodies byte for byte', async () => {
    const { handler, upstream } = proxy({ allowAllEndpoints: true });
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    await handler(
      toProxy('https://v3.fal.media/files/upload', { body: bytes, headers: { 'content-type': 'image/png' } }),
    );
    expect(new Uint8Array(await upstream.calls[0]!.arrayBuffer())).toEqual(bytes);
    expect(upstream.calls[0]!.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a declared oversized body before any upstream fetch', async () => {
    const { handler, upstream } = proxy({ maxBodyBytes: 10 });
    const body = '{"prompt":"far too long"}';
    const response = await handler(
      toProxy(RUN, { body, headers: { 'content-length': String(body.length) } }),
    );
    expect(response.status).toBe(413);
    expect(upstream.calls).toHaveLength(0);
  });

  it('counts streamed bodies without Content-Length and refuses them past the limit', async () => {
    const { handler } = proxy({ maxBodyBytes: 1000 }, async (request) => {
      await request.arrayBuffer();
      return Response.json({ unreachable: true });
    });
    const chunk = new Uint8Array(600);
    const request = toProxy(RUN, { body: streamOf(chunk, chunk), duplex: 'half' } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const response = await handler(request);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).error_type).toBe('proxy_body_too_large');
  });

  it('forwards a streamed body at the limit', async () => {
    const { handler, upstream } = proxy({ maxBodyBytes: 1200 }, async (request) =>
      Response.json({ size: (await request.arrayBuffer()).byteLength }),
    );
    const chunk = new Uint8Array(600).fill(1);
    const response = await handler(
      toProxy(RUN, { body: streamOf(chunk, chunk), duplex: 'half' } as RequestInit),
    );
    expect(await response.json()).toEqual({ size: 1200 });
    expect(upstream.calls).toHaveLength(1);
  });
});

describe('streaming and aborts', () => {
  it('delivers the first SSE event before the upstream has finished', async () => {
    const encoder = new TextEncoder();
    let push!: (text: string) => void;
    let finish!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(encoder.encode(text));
        finish = () => controller.close();
      },
    });
    const { handler } = proxy(
      {},
      () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    );
    const response = await handler(
      toProxy('https://fal.run/fal-ai/flux/dev/stream', {
        body: '{}',
        headers: { accept: 'text/event-stream' },
      }),
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    push('data: {"partial":true}\n\n');
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"partial":true}\n\n');
    // The upstream is still open here: the event arrived while more is to come.
    push('data: {"partial":false}\n\n');
    finish();
    const rest = await new Response(
      new ReadableStream({
        pull: async (c) => {
          const next = await reader.read();
          if (next.done) c.close();
          else c.enqueue(next.value);
        },
      }),
    ).text();
    expect(rest).toBe('data: {"partial":false}\n\n');
  });

  it("aborts the upstream request when the client's request is aborted, without reporting an error", async () => {
    const client = new AbortController();
    const errors: unknown[] = [];
    let upstreamSignal: AbortSignal | undefined;
    const { handler } = proxy({ onError: (e) => errors.push(e) }, (request) => {
      upstreamSignal = request.signal;
      return new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    });
    const pending = handler(toProxy(RUN, { body: '{}', signal: client.signal }));
    await expect.poll(() => upstreamSignal).toBeDefined();
    expect(upstreamSignal?.aborted).toBe(false);
    client.abort();
    expect((await pending).status).toBe(499);
    expect(upstreamSignal?.aborted).toBe(true);
    expect(errors).toEqual([]);
  });

  it('answers 500 (not a retryable 502) when the connection fails after a run or submit was sent', async () => {
    const errors: unknown[] = [];
    const { handler } = proxy({ onError: (e) => errors.push(e) }, () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      });
    });
    for (const target of [RUN, 'https://queue.fal.run/fal-ai/flux/dev']) {
      const response = await handler(toProxy(target, { body: '{}' }));
      expect(response.status).toBe(500);
      expect((await errorOf(response)).error_type).toBe('proxy_upstream_outcome_unknown');
    }
    expect(errors).toHaveLength(2);
  });

  it('answers 502 when fal cannot be reached at all, or for a read, and reports the error', async () => {
    const errors: unknown[] = [];
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const { handler } = proxy({ onError: (e) => errors.push(e) }, () => {
      throw refused;
    });
    const response = await handler(toProxy(RUN, { body: '{}' }));
    expect(response.status).toBe(502);
    expect((await errorOf(response)).error_type).toBe('proxy_upstream_unreachable');
    const reset = proxy({}, () => {
      throw new TypeError('fetch failed');
    });
    const read = await reset.handler(
      toProxy('https://queue.fal.run/fal-ai/flux/requests/abc/status', { method: 'GET' }),
    );
    expect(read.status).toBe(502);
    expect(errors).toHaveLength(1);
  });
});
