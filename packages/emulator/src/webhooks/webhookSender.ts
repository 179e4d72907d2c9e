import type { RouteInfo } from '../routeInfo';
import { toHex } from '../storage/randomHex';
import { type WebhookJwks, type WebhookSigningKey, generateWebhookSigningKey } from './webhookSigningKey';

export type { RouteInfo } from '../routeInfo';
export type { WebhookJwk, WebhookJwks } from './webhookSigningKey';

/** The JSON body fal POSTs to a webhook URL when a queued request finishes (docs/protocol.md §9). */
export interface WebhookBody {
  request_id: string;
  gateway_request_id: string;
  status: 'OK' | 'ERROR';
  payload: unknown;
  error?: string;
  payload_error?: string;
}

export interface WebhookRetryOptions {
  /** Total attempts, first one included. Default 10 (fal: "up to 10 retries"). */
  attempts?: number;
  /** Delay before the first retry; doubles each retry. Default 250 ms. */
  baseDelayMs?: number;
  /** Cap for a single delay. Default 5000 ms (fal spreads retries over 2 h; an emulator should not). */
  maxDelayMs?: number;
}

export interface WebhookSenderOptions {
  fetch?: typeof fetch;
  /** Sent as `X-Fal-Webhook-User-Id` and signed. Default `falkit-emulator-user`. */
  userId?: string;
  /** Clock in epoch ms, for `X-Fal-Webhook-Timestamp`. */
  now?: () => number;
  retry?: WebhookRetryOptions;
  /** Per-attempt timeout. Default 15000 ms. */
  timeoutMs?: number;
}

export interface WebhookDelivery {
  url: string;
  requestId: string;
  /** HTTP status of the last attempt that got a response. */
  status?: number;
  attempts: number;
  ok: boolean;
  /** False while attempts are still being made. */
  done: boolean;
  /** Why the last attempt failed (network error, timeout, non-2xx). */
  error?: string;
}

export interface WebhookSender {
  /** Serves the JWKS at `rest.alpha.fal.ai/.well-known/jwks.json` and `rest.fal.ai/.well-known/jwks.json`. */
  handle(request: Request, route: RouteInfo): Promise<Response | undefined>;
  /** Signs and POSTs `body` to `url`, retrying with backoff. Never rejects; see `deliveries()`. */
  deliver(url: string, body: WebhookBody): Promise<void>;
  /** Snapshot of every delivery so far, oldest first. */
  deliveries(): WebhookDelivery[];
  /** The public keys webhook receivers verify signatures with. */
  jwks(): Promise<WebhookJwks>;
  /** Resolves once every delivery started so far has finished (delivered or given up). */
  settled(): Promise<void>;
  /** Aborts in-flight attempts and pending retries; later `deliver` calls are recorded as failed. */
  close(): void;
}

export const WEBHOOK_HEADERS = {
  requestId: 'X-Fal-Webhook-Request-Id',
  userId: 'X-Fal-Webhook-User-Id',
  timestamp: 'X-Fal-Webhook-Timestamp',
  signature: 'X-Fal-Webhook-Signature',
} as const;

const JWKS_HOSTS = new Set(['rest.alpha.fal.ai', 'rest.fal.ai']);
const JWKS_PATH = '/.well-known/jwks.json';

export function createWebhookSender(options: WebhookSenderOptions = {}): WebhookSender {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const userId = options.userId ?? 'falkit-emulator-user';
  const now = options.now ?? Date.now;
  const attempts = Math.max(1, options.retry?.attempts ?? 10);
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 15_000;

  const records: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const closing = new AbortController();
  let signingKey: Promise<WebhookSigningKey> | undefined;

  // Generated on first use so constructing a sender costs nothing.
  function key(): Promise<WebhookSigningKey> {
    signingKey ??= generateWebhookSigningKey();
    return signingKey;
  }

  async function handle(request: Request, route: RouteInfo): Promise<Response | undefined> {
    if (!JWKS_HOSTS.has(route.host.toLowerCase()) || route.path !== JWKS_PATH) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(JSON.stringify({ detail: 'Method Not Allowed' }), {
        status: 405,
        headers: { 'content-type': 'application/json' },
      });
    }
    const { jwks } = await key();
    return new Response(request.method === 'HEAD' ? null : JSON.stringify(jwks), {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=86400' },
    });
  }

  async function attempt(
    signer: WebhookSigningKey,
    url: string,
    body: string,
    bodyHash: string,
    requestId: string,
  ): Promise<Response> {
    const timestamp = String(Math.floor(now() / 1000));
    // Re-signed per attempt: receivers reject timestamps older than 300 s.
    const message = new TextEncoder().encode(`${requestId}\n${userId}\n${timestamp}\n${bodyHash}`);
    const signature = await signer.sign(message);

    const controller = new AbortController();
    const abort = () => controller.abort(new Error('Webhook sender closed'));
    closing.signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(
      () => controller.abort(new Error(`Webhook delivery timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        body,
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.requestId]: requestId,
          [WEBHOOK_HEADERS.userId]: userId,
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: signature,
        },
      });
      // Drain the body (bounded by the same timeout) so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      return response;
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
      closing.signal.removeEventListener('abort', abort);
    }
  }

  async function run(record: WebhookDelivery, body: WebhookBody): Promise<void> {
    if (!isHttpUrl(record.url)) {
      record.error = `Invalid webhook URL: ${record.url}`;
      return;
    }
    const serialized = serializeBody(body);
    const bodyHash = await sha256Hex(serialized);
    // Without a key (a runtime lacking WebCrypto Ed25519) no attempt can succeed: fail once, not ten times.
    const signer = await key();
    for (let n = 1; n <= attempts && !closing.signal.aborted; n++) {
      record.attempts = n;
      try {
        const response = await attempt(signer, record.url, serialized, bodyHash, body.request_id);
        record.status = response.status;
        if (response.ok) {
          record.ok = true;
          delete record.error;
          return;
        }
        record.error = `HTTP ${response.status}`;
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      if (n < attempts) await sleep(Math.min(baseDelayMs * 2 ** (n - 1), maxDelayMs), closing.signal);
    }
  }

  function deliver(url: string, body: WebhookBody): Promise<void> {
    const record: WebhookDelivery = { url, requestId: body.request_id, attempts: 0, ok: false, done: false };
    records.push(record);
    if (closing.signal.aborted) {
      record.error = 'Webhook sender closed';
      record.done = true;
      return Promise.resolve();
    }
    const task = run(record, body)
      .catch((error: unknown) => {
        record.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        record.done = true;
        inFlight.delete(task);
      });
    inFlight.add(task);
    return task;
  }

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.all(inFlight);
  }

  return {
    handle,
    deliver,
    deliveries: () => records.map((record) => ({ ...record })),
    jwks: async () => (await key()).jwks,
    settled,
    close: () => closing.abort(),
  };
}

/** JSON body; a payload that cannot be serialised is replaced by `null` plus `payload_error`, as fal does. */
function serializeBody(body: WebhookBody): string {
  const normalized = { ...body, payload: body.payload === undefined ? null : body.payload };
  try {
    return JSON.stringify(normalized);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ ...normalized, payload: null, payload_error: reason });
  }
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest));
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
