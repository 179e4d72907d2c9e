import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type WebhookBody, createWebhookSender } from '../src/webhooks/webhookSender';
import { verifyWebhook } from './webhookVerifier';

const ORIGIN = 'http://127.0.0.1:8787';

interface Received {
  headers: Headers;
  rawBody: Uint8Array;
}

/** A local webhook receiver on port 0 whose answer per request is scripted by the test. */
class Receiver {
  readonly received: Received[] = [];
  respond: (count: number, res: ServerResponse) => void = (_count, res) => res.writeHead(200).end('ok');
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === 'string') headers.set(name, value);
        this.received.push({ headers, rawBody: new Uint8Array(Buffer.concat(chunks)) });
        this.respond(this.received.length, res);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  reset(): void {
    this.received.length = 0;
    this.respond = (_count, res) => res.writeHead(200).end('ok');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const receiver = new Receiver();
beforeAll(() => receiver.start());
afterEach(() => receiver.reset());
afterAll(() => receiver.stop());

const OK_BODY: WebhookBody = {
  request_id: 'req-123',
  gateway_request_id: 'gw-456',
  status: 'OK',
  payload: { images: [{ url: 'https://v3.fal.media/files/x/y.png' }], seed: 42 },
};

const FAST_RETRY = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

async function jwksFrom(sender: ReturnType<typeof createWebhookSender>, host: string) {
  const response = await sender.handle(new Request(`${ORIGIN}/${host}/.well-known/jwks.json`), {
    host,
    path: '/.well-known/jwks.json',
    search: '',
    origin: ORIGIN,
  });
  expect(response?.status).toBe(200);
  expect(response?.headers.get('content-type')).toBe('application/json');
  return (await response!.json()) as { keys: Array<Record<string, string>> };
}

describe('webhook sender: JWKS', () => {
  it('serves one Ed25519 OKP key at both JWKS hosts', async () => {
    const sender = createWebhookSender();
    const alpha = await jwksFrom(sender, 'rest.alpha.fal.ai');
    const rest = await jwksFrom(sender, 'rest.fal.ai');
    expect(rest).toEqual(alpha);
    expect(alpha.keys).toHaveLength(1);
    const [key] = alpha.keys;
    expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA' });
    expect(key?.x).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key?.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sender.jwks()).toEqual(alpha);
  });

  it('uses a different key per sender and ignores other routes', async () => {
    const a = await createWebhookSender().jwks();
    const b = await createWebhookSender().jwks();
    expect(a.keys[0]?.x).not.toBe(b.keys[0]?.x);

    const sender = createWebhookSender();
    const route = { host: 'queue.fal.run', path: '/.well-known/jwks.json', search: '', origin: ORIGIN };
    expect(
      await sender.handle(new Request(`${ORIGIN}/queue.fal.run/.well-known/jwks.json`), route),
    ).toBeUndefined();
    const post = await sender.handle(
      new Request(`${ORIGIN}/rest.fal.ai/.well-known/jwks.json`, { method: 'POST' }),
      {
        ...route,
        host: 'rest.fal.ai',
      },
    );
    expect(post?.status).toBe(405);
  });
});

describe('webhook sender: delivery', () => {
  it('POSTs the JSON body with signed X-Fal-Webhook-* headers that verify against the JWKS', async () => {
    const nowMs = Date.UTC(2026, 10, 22, 12, 0, 0);
    const sender = createWebhookSender({ userId: 'user-789', now: () => nowMs });
    await sender.deliver(receiver.url, OK_BODY);

    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit!.headers.get('content-type')).toBe('application/json');
    expect(hit!.headers.get('x-fal-webhook-request-id')).toBe('req-123');
    expect(hit!.headers.get('x-fal-webhook-user-id')).toBe('user-789');
    expect(hit!.headers.get('x-fal-webhook-timestamp')).toBe(String(nowMs / 1000));
    expect(hit!.headers.get('x-fal-webhook-signature')).toMatch(/^[0-9a-f]{128}$/);
    expect(JSON.parse(new TextDecoder().decode(hit!.rawBody))).toEqual(OK_BODY);

    const jwks = await sender.jwks();
    const verdict = await verifyWebhook({ ...hit!, jwks, nowSeconds: nowMs / 1000 });
    expect(verdict).toEqual({ valid: true });

    expect(sender.deliveries()).toEqual([
      { url: receiver.url, requestId: 'req-123', status: 200, attempts: 1, ok: true, done: true },
    ]);
  });

  it('produces signatures the verifier rejects once anything is tampered with', async () => {
    const sender = createWebhookSender();
    await sender.deliver(receiver.url, OK_BODY);
    const [hit] = receiver.received;
    const jwks = await sender.jwks();

    const tamperedBody = new TextEncoder().encode(new TextDecoder().decode(hit!.rawBody).replace('42', '43'));
    expect((await verifyWebhook({ headers: hit!.headers, rawBody: tamperedBody, jwks })).valid).toBe(false);

    const otherUser = new Headers(hit!.headers);
    otherUser.set('x-fal-webhook-user-id', 'someone-else');
    expect((await verifyWebhook({ headers: otherUser, rawBody: hit!.rawBody, jwks })).valid).toBe(false);

    const foreignKeys = await createWebhookSender().jwks();
    expect((await verifyWebhook({ ...hit!, jwks: foreignKeys })).valid).toBe(false);

    // Rotation: the verifier tries every key, so adding a foreign key keeps it valid.
    const rotated = { keys: [...foreignKeys.keys, ...jwks.keys] };
    expect((await verifyWebhook({ ...hit!, jwks: rotated })).valid).toBe(true);

    const stale = Number(hit!.headers.get('x-fal-webhook-timestamp')) + 301;
    expect((await verifyWebhook({ ...hit!, jwks, nowSeconds: stale })).valid).toBe(false);
  });

  it('sends the documented ERROR body', async () => {
    const sender = createWebhookSender();
    const errorBody: WebhookBody = {
      request_id: 'req-err',
      gateway_request_id: 'gw-err',
      status: 'ERROR',
      error: 'Invalid status code: 422',
      payload: { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] },
    };
    await sender.deliver(receiver.url, errorBody);
    expect(JSON.parse(new TextDecoder().decode(receiver.received[0]!.rawBody))).toEqual(errorBody);
  });

  it('replaces a payload that cannot be serialised with null and payload_error', async () => {
    const sender = createWebhookSender();
    await sender.deliver(receiver.url, { ...OK_BODY, payload: { big: 10n } });
    const body = JSON.parse(new TextDecoder().decode(receiver.received[0]!.rawBody));
    expect(body.payload).toBeNull();
    expect(body.payload_error).toMatch(/BigInt/);
    expect(body.request_id).toBe('req-123');
    expect(sender.deliveries()[0]?.ok).toBe(true);
  });

  it('retries non-2xx answers with a fresh signature and records the outcome', async () => {
    receiver.respond = (count, res) => res.writeHead(count < 3 ? 503 : 204).end();
    const sender = createWebhookSender({ retry: FAST_RETRY });
    await sender.deliver(receiver.url, OK_BODY);

    expect(receiver.received).toHaveLength(3);
    const jwks = await sender.jwks();
    for (const hit of receiver.received) expect((await verifyWebhook({ ...hit, jwks })).valid).toBe(true);
    expect(sender.deliveries()[0]).toMatchObject({ status: 204, attempts: 3, ok: true, done: true });
  });

  it('gives up after the configured attempts without throwing', async () => {
    receiver.respond = (_count, res) => res.writeHead(500).end('nope');
    const sender = createWebhookSender({ retry: FAST_RETRY });
    await expect(sender.deliver(receiver.url, OK_BODY)).resolves.toBeUndefined();
    expect(receiver.received).toHaveLength(4);
    expect(sender.deliveries()[0]).toMatchObject({
      status: 500,
      attempts: 4,
      ok: false,
      done: true,
      error: 'HTTP 500',
    });
  });

  it('retries network errors and records them', async () => {
    // Nothing listens on a server that was just closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const sender = createWebhookSender({ retry: { attempts: 2, baseDelayMs: 1 } });
    await sender.deliver(deadUrl, OK_BODY);
    const [record] = sender.deliveries();
    expect(record).toMatchObject({ url: deadUrl, attempts: 2, ok: false, done: true });
    expect(record?.status).toBeUndefined();
    expect(record?.error).toBeTruthy();
  });

  it('aborts an attempt that exceeds the per-attempt timeout and retries', async () => {
    receiver.respond = (count, res) => {
      if (count === 1) return; // never answers; the sender's timeout must fire
      res.writeHead(200).end();
    };
    const sender = createWebhookSender({ timeoutMs: 50, retry: FAST_RETRY });
    await sender.deliver(receiver.url, OK_BODY);
    expect(sender.deliveries()[0]).toMatchObject({ attempts: 2, ok: true, status: 200 });
  });

  it('records an invalid URL as a failed delivery with no attempts', async () => {
    const sender = createWebhookSender();
    await sender.deliver('ftp://example.com/hook', OK_BODY);
    await sender.deliver('not a url', OK_BODY);
    expect(sender.deliveries().map((d) => [d.attempts, d.ok, d.done])).toEqual([
      [0, false, true],
      [0, false, true],
    ]);
  });

  it('fails fast, without attempts, when the runtime cannot make an Ed25519 key', async () => {
    const spy = vi
      .spyOn(crypto.subtle, 'generateKey')
      .mockRejectedValueOnce(new DOMException('Unrecognized name', 'NotSupportedError'));
    try {
      const sender = createWebhookSender({ retry: FAST_RETRY });
      await sender.deliver(receiver.url, OK_BODY);
      expect(sender.deliveries()[0]).toMatchObject({
        attempts: 0,
        ok: false,
        done: true,
        error: 'Unrecognized name',
      });
      expect(receiver.received).toHaveLength(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('close() stops pending retries; settled() waits for running deliveries', async () => {
    receiver.respond = (_count, res) => res.writeHead(500).end();
    const sender = createWebhookSender({ retry: { attempts: 10, baseDelayMs: 60_000 } });
    const delivery = sender.deliver(receiver.url, OK_BODY);
    expect(sender.deliveries()[0]?.done).toBe(false);
    while (receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    sender.close();
    await delivery;
    await sender.settled();
    expect(sender.deliveries()[0]).toMatchObject({ attempts: 1, ok: false, done: true });

    await sender.deliver(receiver.url, OK_BODY);
    expect(sender.deliveries()[1]).toMatchObject({ attempts: 0, ok: false, error: 'Webhook sender closed' });
    expect(receiver.received).toHaveLength(1);
  });
});
