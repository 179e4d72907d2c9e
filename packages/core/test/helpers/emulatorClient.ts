import { type Emulator, type EmulatorOptions, createEmulator } from '@falkit/emulator';
import { type FalClientConfig, createFalClient } from '@falkit/core';

export const EMULATOR_ORIGIN = 'http://emulator.test';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Route fetch calls straight into the in-process emulator (no sockets), recording what was sent.
 */
export function emulatorFetch(emulator: Emulator, sent: SentRequest[] = []): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const copy = request.clone();
    sent.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.body ? await copy.text() : '',
    });
    return emulator.fetch(request);
  };
}

/** A webhook the emulator delivered: caught here, because tests reach nothing beyond loopback. */
export interface CaughtWebhook {
  url: string;
  body: unknown;
}

/** Emulator `fetch` option that records webhook deliveries and answers 200 instead of sending them. */
export function webhookCatcher(webhooks: CaughtWebhook[]): typeof fetch {
  return async (input, init) => {
    webhooks.push({ url: String(input), body: JSON.parse(String(init?.body ?? 'null')) });
    return new Response(null, { status: 200 });
  };
}

/** An instant emulator plus a client pointed at it through `baseUrl` + custom fetch. */
export function setup(options: { emulator?: EmulatorOptions; client?: FalClientConfig } = {}) {
  const webhooks: CaughtWebhook[] = [];
  const emulator = createEmulator({ speed: 0, fetch: webhookCatcher(webhooks), ...options.emulator });
  const sent: SentRequest[] = [];
  const fetch = emulatorFetch(emulator, sent);
  const client = createFalClient({
    credentials: 'test-key',
    baseUrl: EMULATOR_ORIGIN,
    fetch,
    ...options.client,
  });
  return { emulator, client, sent, fetch, webhooks };
}

/** Request log entries as `METHOD host/path` lines, easy to assert on. */
export function requestLines(emulator: Emulator): string[] {
  return emulator.requests().map((entry) => `${entry.method} ${entry.host}${entry.path}`);
}

/** Resolves after pending microtasks and I/O callbacks have run. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
