import { createEmulator, type Emulator } from '@falkit/emulator';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { FAL_WEBHOOK_JWKS_URL, type WebhookVerification, verifyWebhook } from '../src/index';

const JWKS_URL = 'https://rest.alpha.fal.ai/.well-known/jwks.json';
const emulators: Emulator[] = [];

afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** The emulator's webhook sender, with deliveries captured as Requests instead of sent. */
function capturingSender(options: { now?: () => number } = {}) {
  const delivered: Request[] = [];
  const emulator = createEmulator({
    speed: 0,
    ...options,
    fetch: async (url, init) => {
      delivered.push(new Request(url, init));
      return new Response('ok');
    },
  });
  emulators.push(emulator);
  return { sender: emulator.webhooks, delivered, emulator };
}

/** Serves JWKS documents (from one or more senders) and counts fetches. */
function jwksServer(...documents: (() => Promise<unknown>)[]) {
  const calls: string[] = [];
  let fail = false;
  const fetch = async (url: string) => {
    calls.push(url);
    if (fail) return new Response('down', { status: 503 });
    const keys = (await Promise.all(documents.map((d) => d()))).flatMap(
      (d) => (d as { keys: unknown[] }).keys,
    );
    return Response.json({ keys });
  };
  return { fetch, calls, setFailing: (value: boolean) => (fail = value) };
}

async function signedDelivery(payload: unknown = { images: [{ url: 'https://v3.fal.media/x.png' }] }) {
  const { sender, delivered } = capturingSender();
  await sender.deliver('https://app.test/api/fal/webhook', {
    request_id: 'req-123',
    gateway_request_id: 'gw-1',
    status: 'OK',
    payload,
  });
  return { sender, request: delivered[0]! };
}

describe('verifyWebhook', () => {
  it('accepts a webhook signed by the emulator and returns the parsed body', async () => {
    const { sender, request } = await signedDelivery();
    const jwks = jwksServer(() => sender.jwks());
    const result = await verifyWebhook<{ images: { url: string }[] }>(request, { fetch: jwks.fetch });
    expect(result).toMatchObject({
      ok: true,
      requestId: 'req-123',
      userId: 'falkit-emulator-user',
      body: {
        request_id: 'req-123',
        status: 'OK',
        payload: { images: [{ url: 'https://v3.fal.media/x.png' }] },
      },
    });
    expect(jwks.calls).toEqual([FAL_WEBHOOK_JWKS_URL]);
    expect(FAL_WEBHOOK_JWKS_URL).toBe(JWKS_URL);
  });

  it('verifies the webhook the emulator sends for a queued job, with keys from its JWKS route', async () => {
    const { emulator, delivered } = capturingSender();
    const hook = encodeURIComponent('https://app.test/api/fal/webhook');
    const submit = await emulator.fetch(
      new Request(`http://emulator.test/queue.fal.run/falkit/echo?fal_webhook=${hook}`, {
        method: 'POST',
        body: JSON.stringify({ hello: 'world' }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    const { request_id } = (await submit.json()) as { request_id: string };
    await expect.poll(() => delivered.length).toBe(1);
    const fromEmulator = (url: string) =>
      emulator.fetch(new Request(url.replace('https://', 'http://emulator.test/')));
    const result = await verifyWebhook(delivered[0]!, { fetch: fromEmulator });
    expect(result).toMatchObject({ ok: true, requestId: request_id, body: { request_id, status: 'OK' } });
  });

  it('rejects a tampered body', async () => {
    const { sender, request } = await signedDelivery();
    const text = (await request.text()).replace('req-123', 'req-124');
    const forged = new Request(request.url, { method: 'POST', headers: request.headers, body: text });
    const result = await verifyWebhook(forged, { fetch: jwksServer(() => sender.jwks()).fetch });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('rejects a signature made with a key that is not in the JWKS', async () => {
    const { request } = await signedDelivery();
    const other = capturingSender().sender;
    const result = await verifyWebhook(request, { fetch: jwksServer(() => other.jwks()).fetch });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('tries every key in the JWKS', async () => {
    const { sender, request } = await signedDelivery();
    const other = capturingSender().sender;
    const result = await verifyWebhook(request, {
      fetch: jwksServer(
        () => other.jwks(),
        () => sender.jwks(),
      ).fetch,
    });
    expect(result.ok).toBe(true);
  });

  it('accepts padded base64url keys', async () => {
    const { sender, request } = await signedDelivery();
    const padded = async () => {
      const { keys } = await sender.jwks();
      return { keys: keys.map((k) => ({ ...k, x: `${k.x}=` })) };
    };
    expect((await verifyWebhook(request, { fetch: jwksServer(padded).fetch })).ok).toBe(true);
  });

  it('rejects timestamps more than 300 s away, either way', async () => {
    for (const skew of [-301_000, 301_000]) {
      const { sender, delivered } = capturingSender({ now: () => Date.now() + skew });
      await sender.deliver('https://app.test/hook', {
        request_id: 'r',
        gateway_request_id: 'g',
        status: 'OK',
        payload: {},
      });
      const result = await verifyWebhook(delivered[0]!, { fetch: jwksServer(() => sender.jwks()).fetch });
      expect(result).toMatchObject({ ok: false, reason: 'timestamp_out_of_range' });
    }
  });

  it('accepts timestamps inside the window', async () => {
    const { sender, delivered } = capturingSender({ now: () => Date.now() - 290_000 });
    await sender.deliver('https://app.test/hook', {
      request_id: 'r',
      gateway_request_id: 'g',
      status: 'OK',
      payload: {},
    });
    expect((await verifyWebhook(delivered[0]!, { fetch: jwksServer(() => sender.jwks()).fetch })).ok).toBe(
      true,
    );
  });

  it('rejects requests without the signature headers, before fetching keys', async () => {
    const jwks = jwksServer();
    const result = await verifyWebhook(new Request('https://app.test/hook', { method: 'POST', body: '{}' }), {
      fetch: jwks.fetch,
    });
    expect(result).toMatchObject({ ok: false, reason: 'missing_headers' });
    expect(jwks.calls).toHaveLength(0);
  });

  it('caches the JWKS, and refetches after the cache time (at most 24 h)', async () => {
    let clock = Date.now();
    const { sender, delivered } = capturingSender({ now: () => clock });
    const jwks = jwksServer(() => sender.jwks());
    // Asks for 48 h; the cache must still expire after 24 h.
    const options = { fetch: jwks.fetch, now: () => clock, jwksCacheMs: 48 * 3600_000 };
    for (let i = 0; i < 3; i++) {
      await sender.deliver('https://app.test/hook', {
        request_id: `r${i}`,
        gateway_request_id: 'g',
        status: 'OK',
        payload: i,
      });
      expect((await verifyWebhook(delivered[i]!, options)).ok).toBe(true);
      clock += 12 * 3600_000 + 1; // verifies at 0 h, 12 h and 24 h + 2 ms
    }
    expect(jwks.calls).toHaveLength(2);
  });

  it('reports an unreachable JWKS and does not cache the failure', async () => {
    const { sender, request } = await signedDelivery();
    const copy = request.clone();
    const jwks = jwksServer(() => sender.jwks());
    jwks.setFailing(true);
    expect(await verifyWebhook(request, { fetch: jwks.fetch })).toMatchObject({
      ok: false,
      reason: 'jwks_unavailable',
    });
    jwks.setFailing(false);
    expect((await verifyWebhook(copy, { fetch: jwks.fetch })).ok).toBe(true);
    expect(jwks.calls).toHaveLength(2);
  });

  it('refuses oversized bodies', async () => {
    const { sender, request } = await signedDelivery({ big: 'x'.repeat(5000) });
    const result = await verifyWebhook(request, {
      fetch: jwksServer(() => sender.jwks()).fetch,
      maxBodyBytes: 1000,
    });
    expect(result).toMatchObject({ ok: false, reason: 'body_too_large' });
  });

  it('has a discriminated result type', () => {
    expectTypeOf<
      Extract<WebhookVerification<{ n: number }>, { ok: true }>['body']['payload']
    >().toEqualTypeOf<{
      n: number;
    } | null>();
  });
});
