import { createEmulator, type Emulator } from '@falkit/emulator';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  FAL_WEBHOOK_JWKS_URL,
  ProxyConfigError,
  type WebhookVerification,
  verifyWebhook,
} from '../src/index';

const JWKS_URL = 'https://rest.alpha.fal.ai/.well-known/jwks.json';
const emulators: Emulator[] = [];

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** A request with well-formed signature headers (timestamp `nowMs`) and a signature no key made. */
function forged(index: number, nowMs = Date.now(), body: BodyInit = '{}') {
  return new Request('https://app.test/hook', {
    method: 'POST',
    body,
    headers: {
      'x-fal-webhook-request-id': `forged-${index}`,
      'x-fal-webhook-user-id': 'attacker',
      'x-fal-webhook-timestamp': String(Math.floor(nowMs / 1000)),
      'x-fal-webhook-signature': 'ab'.repeat(64),
    },
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
}

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

  it('reports an unreachable JWKS and retries it after a short back-off, not at once', async () => {
    let clock = Date.now();
    const { sender, delivered } = capturingSender({ now: () => clock });
    await sender.deliver('https://app.test/hook', {
      request_id: 'r',
      gateway_request_id: 'g',
      status: 'OK',
      payload: {},
    });
    const request = delivered[0]!;
    const copies = [request.clone(), request.clone()];
    const jwks = jwksServer(() => sender.jwks());
    const options = { fetch: jwks.fetch, now: () => clock };
    jwks.setFailing(true);
    expect(await verifyWebhook(request, options)).toMatchObject({ ok: false, reason: 'jwks_unavailable' });
    jwks.setFailing(false);
    // Inside the back-off the outage is remembered: no new fetch.
    expect(await verifyWebhook(copies[0]!, options)).toMatchObject({ reason: 'jwks_unavailable' });
    expect(jwks.calls).toHaveLength(1);
    clock += 10_001;
    expect((await verifyWebhook(copies[1]!, options)).ok).toBe(true);
    expect(jwks.calls).toHaveLength(2);
  });

  it('during a JWKS outage, forged requests do not each trigger a fetch', async () => {
    const jwks = jwksServer();
    jwks.setFailing(true);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => verifyWebhook(forged(i), { fetch: jwks.fetch })),
    );
    expect(results.every((result) => !result.ok && result.reason === 'jwks_unavailable')).toBe(true);
    for (let i = 0; i < 20; i++) await verifyWebhook(forged(100 + i), { fetch: jwks.fetch });
    expect(jwks.calls).toHaveLength(1);
  });

  it('times out a silent JWKS host instead of hanging every verification', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const calls: string[] = [];
    let called: () => void = () => {};
    const nextCall = () => new Promise<void>((resolve) => (called = resolve));
    const silent = (url: string) => {
      calls.push(url);
      called();
      return new Promise<Response>(() => {}); // never answers, ignores any signal
    };
    let fetched = nextCall();
    const pending = Promise.all([
      verifyWebhook(forged(1), { fetch: silent }),
      verifyWebhook(forged(2), { fetch: silent }),
    ]);
    await fetched; // the timeout is armed before the fetch starts
    await vi.advanceTimersByTimeAsync(10_000);
    const results = await pending;
    expect(results.map((result) => !result.ok && result.reason)).toEqual([
      'jwks_unavailable',
      'jwks_unavailable',
    ]);
    expect(results[0]!.ok || results[0]!.message).toMatch(/timed out/);
    expect(calls).toHaveLength(1);
    // Not stuck: after the back-off the next verification asks again.
    await vi.advanceTimersByTimeAsync(10_001);
    fetched = nextCall();
    const again = verifyWebhook(forged(3), { fetch: silent, jwksTimeoutMs: 50 });
    await fetched;
    await vi.advanceTimersByTimeAsync(50);
    expect(await again).toMatchObject({ reason: 'jwks_unavailable' });
    expect(calls).toHaveLength(2);
  });

  it('one malformed key in the JWKS does not break the others', async () => {
    const { sender, request } = await signedDelivery();
    const withBadKeys = async () => ({
      keys: [
        { kty: 'OKP', crv: 'Ed25519', x: 'abcde' }, // atob throws on this length
        { kty: 'OKP', crv: 'Ed25519', x: '%%%%' },
        { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) }, // 32 bytes, all zero
        ...(await sender.jwks()).keys,
      ],
    });
    expect((await verifyWebhook(request, { fetch: jwksServer(withBadKeys).fetch })).ok).toBe(true);
  });

  it('refuses an oversized JWKS response without reading all of it', async () => {
    let pulled = 0;
    const endless = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            // 8 MiB of whitespace in all, unless the reader stops early.
            if (pulled >= 8 * 1024 * 1024) return controller.close();
            pulled += 65_536;
            controller.enqueue(new Uint8Array(65_536).fill(32));
          },
        }),
      );
    const result = await verifyWebhook(forged(1), { fetch: endless });
    expect(result).toMatchObject({ ok: false, reason: 'jwks_unavailable' });
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it('throws ProxyConfigError for options that would disable a check (toleranceSeconds: NaN…)', async () => {
    const fetch = jwksServer().fetch;
    for (const options of [
      { toleranceSeconds: Number.NaN },
      { toleranceSeconds: -1 },
      { toleranceSeconds: Number.POSITIVE_INFINITY },
      { maxBodyBytes: Number.NaN },
      { jwksTimeoutMs: 0 },
      { jwksCacheMs: Number.NaN },
    ]) {
      await expect(verifyWebhook(forged(1), { fetch, ...options }), JSON.stringify(options)).rejects.toThrow(
        ProxyConfigError,
      );
    }
  });

  it('resolves a body stream error as a failed verification (it never throws for a bad request)', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'));
      },
    });
    const result = await verifyWebhook(forged(1, Date.now(), broken), { fetch: jwksServer().fetch });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_body' });
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
