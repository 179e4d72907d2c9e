import { ApiError } from '../errors/apiError';
import type { RetryPolicy } from './retryPolicy';

/** Parse `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0-based): `min(base·m^attempt, max)` ±25 % jitter, or the
 * server's `Retry-After` (capped at `maxRetryAfterMs`) when the error carries one.
 */
export function retryDelay(attempt: number, policy: RetryPolicy, error: unknown): number {
  if (error instanceof ApiError) {
    const retryAfter = parseRetryAfter(error.headers.get('retry-after'));
    if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxRetryAfterMs ?? 60_000);
  }
  const exponential = Math.min(
    policy.baseDelayMs * (policy.backoffMultiplier ?? 2) ** attempt,
    policy.maxDelayMs,
  );
  if (policy.jitter === false) return exponential;
  return Math.max(0, exponential * (1 + 0.25 * (Math.random() * 2 - 1)));
}
