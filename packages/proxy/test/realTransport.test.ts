import { createEmulator, type Emulator, type ListeningEmulator } from '@falkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyHandler } from '../src/index';
import { streamOf, toProxy } from './support';

/** The handler with Node's real fetch against an emulator listening on loopback (no stand-ins). */
let emulator: Emulator;
let server: ListeningEmulator;

beforeAll(async () => {
  emulator = createEmulator({ speed: 0, key: 'server-key' });
  server = await emulator.listen({ port: 0 });
});

afterAll(async () => {
  await server.close();
  await emulator.close();
});

function proxy(maxBodyBytes?: number) {
  return createProxyHandler({
    allowedEndpoints: ['falkit/echo', 'fal-ai/any-llm'],
    emulatorOrigin: server.url,
    env: { FAL_KEY: 'server-key' },
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
  });
}

describe('over real HTTP to the emulator', () => {
  it('runs with the server key and relays fal headers', async () => {
    const response = await proxy()(
      toProxy('https://fal.run/falkit/echo', {
        body: JSON.stringify({ hi: 1 }),
        headers: { 'content-type': 'application/json', authorization: 'Key wrong-client-key' },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hi: 1 });
    expect(response.headers.get('x-fal-request-id')).toBeTruthy();
  });

  it('streams a streamed request body and cuts it at the limit with 413', async () => {
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(600)}`);
    const rest = new TextEncoder().encode(`${'y'.repeat(600)}"}`);
    const request = toProxy('https://fal.run/falkit/echo', {
      body: streamOf(chunk, rest),
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    } as RequestInit);
    const response = await proxy(1000)(request);
    expect(response.status).toBe(413);
    expect((await response.json()).error_type).toBe('proxy_body_too_large');
  });

  it('forwards the same streamed body when it fits', async () => {
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(600)}`);
    const rest = new TextEncoder().encode(`${'y'.repeat(600)}"}`);
    const request = toProxy('https://fal.run/falkit/echo', {
      body: streamOf(chunk, rest),
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    } as RequestInit);
    const response = await proxy(4096)(request);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { pad: string }).pad).toHaveLength(1200);
  });

  it('passes model errors through with their status and body', async () => {
    const response = await proxy()(
      toProxy('https://fal.run/fal-ai/any-llm', {
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: { loc: string[] }[] }).detail[0]!.loc).toEqual([
      'body',
      'prompt',
    ]);
  });

  it('keeps the client accept header so streams come back as SSE', async () => {
    const response = await proxy()(
      toProxy('https://fal.run/fal-ai/any-llm/stream', {
        body: JSON.stringify({ prompt: 'sse please' }),
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      }),
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    expect(text.startsWith('data: ')).toBe(true);
    expect(text).toContain('"partial":false');
  });

  it('mints a token for an allowed app through the token route the official proxy blocks', async () => {
    const response = await proxy()(
      toProxy('https://rest.fal.ai/tokens/', {
        body: JSON.stringify({ allowed_apps: ['echo'], token_expiration: 120 }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(response.ok).toBe(true);
    expect(typeof (await response.json())).toBe('string');
  });
});
