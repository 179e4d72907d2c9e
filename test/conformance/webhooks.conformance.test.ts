import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFalClient } from '@fal-ai/client';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyWebhook } from '../../packages/emulator/test/webhookVerifier';
import { emulatorFetch } from '../support/emulatorFetch';

/**
 * Webhook delivery end to end: the official `@fal-ai/client` submits with `webhookUrl`, the
 * emulator POSTs the signed body to a local receiver, and an independent verifier checks the
 * Ed25519 signature against the JWKS the emulator publishes at fal's well-known URL.
 */
const KEY = 'conformance-key';

interface Delivery {
  headers: Headers;
  rawBody: Uint8Array;
}

let emulator: Emulator;
let server: ListeningEmulator;
let receiver: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];
let answerStatus: (attempt: number) => number = () => 200;

async function fetchJwks(host: 'rest.alpha.fal.ai' | 'rest.fal.ai') {
  const response = await fetch(`${server.url}/${host}/.well-known/jwks.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as { keys: Array<{ kty: string; crv: string; x: string }> };
}

function bodyOf(delivery: Delivery) {
  return JSON.parse(new TextDecoder().decode(delivery.rawBody));
}

beforeAll(async () => {
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value);
      deliveries.push({ headers, rawBody: new Uint8Array(Buffer.concat(chunks)) });
      res.writeHead(answerStatus(deliveries.length)).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/fal/webhook?source=conformance`;

  emulator = createEmulator({ speed: 0, key: KEY });
  server = await emulator.listen({ port: 0 });
});

afterAll(async () => {
  await server.close();
  await emulator.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

beforeEach(() => {
  deliveries.length = 0;
  answerStatus = () => 200;
});

describe('conformance: webhooks from a queue submit by @fal-ai/client', () => {
  it('delivers the documented OK body with a signature that verifies against the published JWKS', async () => {
    const fal = createFalClient({ credentials: KEY, fetch: emulatorFetch(server.url) });
    const input = { prompt: 'a lighthouse', seed: 7 };
    const { request_id } = await fal.queue.submit('falkit/echo', { input, webhookUrl: receiverUrl });

    await vi.waitFor(() => expect(deliveries).toHaveLength(1), { timeout: 10_000 });
    const [delivery] = deliveries;
    expect(bodyOf(delivery!)).toEqual({
      request_id,
      gateway_request_id: expect.any(String),
      status: 'OK',
      payload: input,
    });
    expect(delivery!.headers.get('x-fal-webhook-request-id')).toBe(request_id);
    expect(delivery!.headers.get('content-type')).toBe('application/json');

    const jwks = await fetchJwks('rest.alpha.fal.ai');
    expect(await fetchJwks('rest.fal.ai')).toEqual(jwks);
    expect(await verifyWebhook({ ...delivery!, jwks })).toEqual({ valid: true });

    // Any change to the body breaks the signature.
    const forged = new TextEncoder().encode(
      new TextDecoder().decode(delivery!.rawBody).replace('lighthouse', 'lamp'),
    );
    expect((await verifyWebhook({ headers: delivery!.headers, rawBody: forged, jwks })).valid).toBe(false);
  });

  it('delivers the ERROR body for a failed request (422 detail as payload)', async () => {
    const fal = createFalClient({ credentials: KEY, fetch: emulatorFetch(server.url) });
    const detail = [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }];
    const { request_id } = await fal.queue.submit('falkit/echo', {
      input: { fail: { status: 422, body: { detail } } },
      webhookUrl: receiverUrl,
    });

    await vi.waitFor(() => expect(deliveries).toHaveLength(1), { timeout: 10_000 });
    expect(bodyOf(deliveries[0]!)).toMatchObject({
      request_id,
      status: 'ERROR',
      error: 'Invalid status code: 422',
      payload: { detail },
    });
    expect(await verifyWebhook({ ...deliveries[0]!, jwks: await fetchJwks('rest.alpha.fal.ai') })).toEqual({
      valid: true,
    });
  });

  it('retries when the receiver answers 5xx, each attempt signed', async () => {
    answerStatus = (attempt) => (attempt === 1 ? 503 : 200);
    const fal = createFalClient({ credentials: KEY, fetch: emulatorFetch(server.url) });
    const { request_id } = await fal.queue.submit('falkit/echo', {
      input: { n: 1 },
      webhookUrl: receiverUrl,
    });

    await vi.waitFor(() => expect(deliveries).toHaveLength(2), { timeout: 10_000 });
    const jwks = await fetchJwks('rest.alpha.fal.ai');
    for (const delivery of deliveries) expect((await verifyWebhook({ ...delivery, jwks })).valid).toBe(true);
    await emulator.webhooks.settled();
    const record = emulator.webhooks.deliveries().find((entry) => entry.requestId === request_id);
    expect(record).toMatchObject({ ok: true, attempts: 2, status: 200 });
  });
});
