import { BodyTooLargeError, readLimited } from '../bodyLimit';
import { ProxyConfigError } from '../errors';
import {
  DEFAULT_JWKS_TIMEOUT_MS,
  FAL_WEBHOOK_JWKS_URL,
  type JwksFetch,
  type JwksSource,
  jwksAge,
  loadJwks,
  MAX_JWKS_CACHE_MS,
} from './jwksCache';

/** The JSON body fal POSTs to a webhook URL (docs/protocol.md §9). */
export interface FalWebhookBody<Payload = unknown> {
  request_id: string;
  gateway_request_id?: string;
  status: 'OK' | 'ERROR';
  payload: Payload | null;
  error?: string;
  payload_error?: string;
}

export interface VerifyWebhookOptions {
  /** JWKS location. Default `https://rest.alpha.fal.ai/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** fetch used for the JWKS (default: global fetch). Each fetch function has its own key cache. */
  fetch?: JwksFetch;
  /** How long fetched keys are reused; capped at 24 h. Default 24 h. */
  jwksCacheMs?: number;
  /** A JWKS fetch (answer and body) taking longer is abandoned: `jwks_unavailable`. Default 10 s. */
  jwksTimeoutMs?: number;
  /** Accepted clock difference between the signature timestamp and now. Default 300 s. */
  toleranceSeconds?: number;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Largest webhook body read. Default 25 MiB. */
  maxBodyBytes?: number;
}

export type WebhookFailureReason =
  | 'missing_headers'
  | 'timestamp_out_of_range'
  | 'invalid_signature'
  | 'jwks_unavailable'
  | 'body_too_large'
  | 'invalid_body';

export type WebhookVerification<Payload = unknown> =
  | {
      ok: true;
      requestId: string;
      userId: string;
      /** Signature time, Unix seconds. */
      timestamp: number;
      body: FalWebhookBody<Payload>;
      rawBody: Uint8Array;
    }
  | { ok: false; reason: WebhookFailureReason; message: string };

const HEADER = {
  requestId: 'x-fal-webhook-request-id',
  userId: 'x-fal-webhook-user-id',
  timestamp: 'x-fal-webhook-timestamp',
  signature: 'x-fal-webhook-signature',
} as const;

// Re-fetching on an unknown signature handles key rotation; the floor stops forged requests from making us
// hammer the JWKS endpoint.
const MIN_REFRESH_AGE_MS = 60_000;

/**
 * Verifies a webhook request from fal: the Ed25519 signature over
 * `request_id \n user_id \n timestamp \n sha256hex(body)` against every key in fal's JWKS, and a timestamp
 * within `toleranceSeconds`. Reads the request body; on success returns it raw and parsed.
 * Never throws for a bad request (a body that fails to arrive is `invalid_body`): check `ok`, and answer
 * 401 when it is false.
 *
 * @throws ProxyConfigError (as a rejection) when an option is not a usable number, e.g.
 *   `toleranceSeconds: NaN`, which would otherwise switch the replay window off.
 */
export async function verifyWebhook<Payload = unknown>(
  request: Request,
  options: VerifyWebhookOptions = {},
): Promise<WebhookVerification<Payload>> {
  const settings = checkOptions(options);
  const now = options.now ?? Date.now;
  const requestId = request.headers.get(HEADER.requestId);
  const userId = request.headers.get(HEADER.userId);
  const timestampText = request.headers.get(HEADER.timestamp);
  const signatureHex = request.headers.get(HEADER.signature);
  if (!requestId || !userId || !timestampText || !signatureHex) {
    return fail('missing_headers', 'The request lacks the X-Fal-Webhook-* signature headers.');
  }

  const timestamp = Number(timestampText);
  const tolerance = settings.toleranceSeconds;
  if (!/^\d+$/.test(timestampText) || Math.abs(now() / 1000 - timestamp) > tolerance) {
    return fail('timestamp_out_of_range', `The webhook timestamp is more than ${tolerance} s away from now.`);
  }
  const signature = hexToBytes(signatureHex);
  if (signature?.length !== 64)
    return fail('invalid_signature', 'The webhook signature is not 64 hex-encoded bytes.');

  let rawBody: Uint8Array<ArrayBuffer>;
  try {
    rawBody = await readLimited(request.body, settings.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return fail('body_too_large', 'The webhook body is larger than maxBodyBytes.');
    return fail('invalid_body', `The webhook body could not be read: ${(error as Error)?.message}`);
  }

  const bodyHash = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', rawBody)));
  const message = new TextEncoder().encode(`${requestId}\n${userId}\n${timestampText}\n${bodyHash}`);

  const source: JwksSource = {
    url: options.jwksUrl ?? FAL_WEBHOOK_JWKS_URL,
    fetch: options.fetch ?? defaultFetch,
    cacheMs: settings.jwksCacheMs,
    timeoutMs: settings.jwksTimeoutMs,
    now,
  };
  let verified: boolean;
  try {
    verified = await verifyWithAnyKey(await loadJwks(source), signature, message);
    if (!verified && (jwksAge(source) ?? 0) >= MIN_REFRESH_AGE_MS) {
      verified = await verifyWithAnyKey(await loadJwks(source, { refresh: true }), signature, message);
    }
  } catch (error) {
    return fail('jwks_unavailable', `Could not load fal's webhook keys: ${(error as Error).message}`);
  }
  if (!verified) return fail('invalid_signature', 'The webhook signature does not match any of fal’s keys.');

  let body: FalWebhookBody<Payload>;
  try {
    body = JSON.parse(new TextDecoder().decode(rawBody)) as FalWebhookBody<Payload>;
  } catch {
    return fail('invalid_body', 'The webhook body is not JSON.');
  }
  return { ok: true, requestId, userId, timestamp, body, rawBody };
}

const defaultFetch: JwksFetch = (url, init) => fetch(url, init);

/** Numeric options, checked: a NaN or negative value would silently disable the check it sets. */
function checkOptions(options: VerifyWebhookOptions) {
  const number = (name: keyof VerifyWebhookOptions, value: number, minimum: number) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
      throw new ProxyConfigError(
        `verifyWebhook: ${name} must be a finite number ≥ ${minimum}, not ${String(value)}.`,
      );
    }
    return value;
  };
  return {
    toleranceSeconds: number('toleranceSeconds', options.toleranceSeconds ?? 300, 0),
    maxBodyBytes: number('maxBodyBytes', options.maxBodyBytes ?? 25 * 1024 * 1024, 0),
    jwksCacheMs: number('jwksCacheMs', options.jwksCacheMs ?? MAX_JWKS_CACHE_MS, 0),
    jwksTimeoutMs: number('jwksTimeoutMs', options.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS, 1),
  };
}

async function verifyWithAnyKey(
  keys: CryptoKey[],
  signature: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  for (const key of keys) {
    if (await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message)) return true;
  }
  return false;
}

function fail(
  reason: WebhookFailureReason,
  message: string,
): { ok: false; reason: WebhookFailureReason; message: string } {
  return { ok: false, reason, message };
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined;
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
