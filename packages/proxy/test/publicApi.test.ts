import { describe, expect, expectTypeOf, it } from 'vitest';
import type { NodeProxyHandler } from '../src/entries/node';
import type { PagesProxyHandler } from '../src/entries/nextjs';
import {
  type Awaitable,
  createProxyHandler,
  DEFAULT_MAX_BODY_BYTES,
  FAL_HOSTS,
  FAL_WEBHOOK_JWKS_URL,
  type FalHost,
  type FalWebhookBody,
  type ProxyConfig,
  ProxyConfigError,
  type ProxyDenial,
  type ProxyErrorCode,
  type ProxyMethod,
  type RateLimitResult,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookFailureReason,
} from '../src/index';
import { recordingUpstream, toProxy } from './support';

const env = { FAL_KEY: 'server-key' };

describe('public constants', () => {
  it('DEFAULT_MAX_BODY_BYTES is the limit applied when maxBodyBytes is not set', async () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(10 * 1024 * 1024);
    const upstream = recordingUpstream();
    const handler = createProxyHandler({ allowAllEndpoints: true, env, fetch: upstream.fetch });
    const over = await handler(
      toProxy('https://fal.run/fal-ai/x', {
        body: '{}',
        headers: { 'content-length': String(DEFAULT_MAX_BODY_BYTES + 1) },
      }),
    );
    expect(over.status).toBe(413);
    expect(over.headers.get('x-falkit-proxy-error')).toBe('body_too_large' satisfies ProxyErrorCode);
    expect(upstream.calls).toHaveLength(0);
  });

  it('FAL_HOSTS are exactly the hosts the proxy forwards to', async () => {
    expect([...FAL_HOSTS].sort()).toEqual(['fal.run', 'queue.fal.run', 'rest.fal.ai', 'v3.fal.media']);
    expectTypeOf<FalHost>().toEqualTypeOf<'fal.run' | 'queue.fal.run' | 'rest.fal.ai' | 'v3.fal.media'>();
    const upstream = recordingUpstream();
    const handler = createProxyHandler({ allowAllEndpoints: true, env, fetch: upstream.fetch });
    const pathOn: Record<FalHost, string> = {
      'fal.run': 'fal-ai/x',
      'queue.fal.run': 'fal-ai/x',
      'rest.fal.ai': 'storage/upload/initiate',
      'v3.fal.media': 'files/upload',
    };
    for (const host of FAL_HOSTS) {
      const response = await handler(toProxy(`https://${host}/${pathOn[host]}`, { body: '{}' }));
      expect(response.status, host).toBe(200);
    }
    expect(upstream.calls.map((request) => new URL(request.url).host)).toEqual([...FAL_HOSTS]);
  });

  it('FAL_WEBHOOK_JWKS_URL is where verifyWebhook fetches keys by default', async () => {
    expect(FAL_WEBHOOK_JWKS_URL).toBe('https://rest.alpha.fal.ai/.well-known/jwks.json');
    const fetched: string[] = [];
    const result = await verifyWebhook(
      new Request('http://app.test/webhook', {
        method: 'POST',
        body: '{}',
        headers: {
          'x-fal-webhook-request-id': 'r',
          'x-fal-webhook-user-id': 'u',
          'x-fal-webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-fal-webhook-signature': '00'.repeat(64),
        },
      }),
      {
        fetch: async (url) => {
          fetched.push(url);
          return Response.json({ keys: [] });
        },
      },
    );
    expect(result.ok).toBe(false);
    expect(fetched).toEqual([FAL_WEBHOOK_JWKS_URL]);
  });

  it('ProxyConfigError is thrown for unsafe configurations, and is an Error', () => {
    const attempt = () => createProxyHandler({} as ProxyConfig);
    expect(attempt).toThrow(ProxyConfigError);
    expect(attempt).toThrow(/allowedEndpoints/);
    expect(new ProxyConfigError('x')).toBeInstanceOf(Error);
    expect(new ProxyConfigError('x').name).toBe('ProxyConfigError');
  });
});

describe('public types', () => {
  it('describe the configuration and its hooks', () => {
    expectTypeOf<ProxyMethod>().toEqualTypeOf<'GET' | 'POST' | 'PUT'>();
    expectTypeOf<ProxyDenial>().toEqualTypeOf<{ status: 401 | 403; message?: string }>();
    expectTypeOf<RateLimitResult>().toEqualTypeOf<
      { limited: false } | { limited: true; retryAfterSeconds?: number }
    >();
    expectTypeOf<Awaitable<number>>().toEqualTypeOf<number | Promise<number>>();
    expectTypeOf<ProxyConfig['allowedMethods']>().toEqualTypeOf<readonly ProxyMethod[] | undefined>();
    expectTypeOf<ProxyConfig['rateLimit']>().toEqualTypeOf<
      ((request: Request) => Awaitable<RateLimitResult>) | undefined
    >();
    expectTypeOf<ProxyConfig['target']>().toEqualTypeOf<'fal' | 'emulator' | undefined>();
    expectTypeOf<ProxyErrorCode>().toExtend<string>();
    expectTypeOf<'body_too_large'>().toExtend<ProxyErrorCode>();
    // @ts-expect-error: only the codes the proxy really answers with
    expectTypeOf<'teapot'>().toExtend<ProxyErrorCode>();
  });

  it('describe webhooks', () => {
    expectTypeOf<FalWebhookBody<{ n: number }>['payload']>().toEqualTypeOf<{ n: number } | null>();
    expectTypeOf<FalWebhookBody['status']>().toEqualTypeOf<'OK' | 'ERROR'>();
    expectTypeOf<VerifyWebhookOptions['fetch']>().toEqualTypeOf<
      ((url: string, init?: { signal?: AbortSignal }) => Promise<Response>) | undefined
    >();
    expectTypeOf<WebhookFailureReason>().toEqualTypeOf<
      | 'missing_headers'
      | 'timestamp_out_of_range'
      | 'invalid_signature'
      | 'jwks_unavailable'
      | 'body_too_large'
      | 'invalid_body'
    >();
  });

  it('describe the Node-style adapters', () => {
    expectTypeOf<NodeProxyHandler>().toEqualTypeOf<PagesProxyHandler>();
    expectTypeOf<Parameters<NodeProxyHandler>>().toEqualTypeOf<
      [import('node:http').IncomingMessage, import('node:http').ServerResponse]
    >();
  });
});
