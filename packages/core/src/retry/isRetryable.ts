import { isAbortError } from '../errors/abortError';
import { ApiError } from '../errors/apiError';
import type { RetryPolicy } from './retryPolicy';

const TRANSPORT_CODES = new Set([
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Failures where the connection was never established, so the request body never left the client. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  let current = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function hasAbortInChain(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const name = (current as { name?: unknown }).name;
    if (isAbortError(current) || name === 'TimeoutError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A connection-level failure (reset, DNS, refused, `TypeError: fetch failed`), never an abort. */
export function isTransportError(error: unknown): boolean {
  if (!error || typeof error !== 'object' || error instanceof ApiError || hasAbortInChain(error))
    return false;
  if (errorCodes(error).some((code) => TRANSPORT_CODES.has(code))) return true;
  // undici `fetch failed`, Chrome `Failed to fetch`, Firefox `NetworkError when…`, Safari `Load failed`.
  return (
    error instanceof TypeError && /fetch failed|failed to fetch|network|load failed/i.test(error.message)
  );
}

/**
 * True when fal certainly never received the request: a 429 (rate limited before enqueueing), a
 * 502/503/504 without `x-fal-request-id` (an ingress/load-balancer page, docs/protocol.md §10.3), or a
 * connection that was never established. A reset after the body was sent is NOT undelivered.
 */
export function isUndelivered(error: unknown): boolean {
  if (error instanceof ApiError) {
    if (error.status === 429) return true;
    // A proxy's own "could not reach fal" 502 (no request id either) may follow a connection that
    // died after fal took the body: the job may exist, so it proves nothing (@falkit/proxy's header).
    if (error.headers.get('x-falkit-proxy-error') === 'upstream_unreachable') return false;
    return [502, 503, 504].includes(error.status) && !error.requestId;
  }
  return errorCodes(error).some((code) => NOT_CONNECTED_CODES.has(code));
}

/** Whether `policy` allows another attempt after `error`. Aborts and user timeouts never retry. */
export function isRetryable(error: unknown, policy: RetryPolicy): boolean {
  if (hasAbortInChain(error)) return false;
  if (error instanceof ApiError) {
    if (error.isUserTimeout || error.timeoutType) return false;
    if (!policy.retryableStatuses.includes(error.status)) return false;
  } else if (!policy.retryTransportErrors || !isTransportError(error)) {
    return false;
  }
  return policy.onlyUndelivered ? isUndelivered(error) : true;
}

/** Official-client compatible helper: `isRetryableError(error, [429, 503])`. */
export function isRetryableError(error: unknown, retryableStatusCodes: readonly number[]): boolean {
  return isRetryable(error, {
    maxRetries: 1,
    baseDelayMs: 0,
    maxDelayMs: 0,
    retryableStatuses: retryableStatusCodes,
    retryTransportErrors: true,
  });
}
