import { defaultRetryPolicies, type RetryOperation } from './defaultRetryPolicies';
import type { RetryPolicy } from './retryPolicy';

/** Retry settings with the official client's option names (delays in milliseconds). */
export interface RetryOptions {
  maxRetries: number;
  baseDelay: number;
  maxDelay: number;
  backoffMultiplier: number;
  retryableStatusCodes: number[];
  enableJitter: boolean;
  /** Upper bound for a server's `Retry-After`, in milliseconds (default 60 000). */
  maxRetryAfter: number;
  /** Retry transport failures (connection reset, DNS, ...). Default true. */
  retryTransportErrors: boolean;
}

/**
 * `retry` in the client config: fields at the top apply to every operation; `operations` overrides
 * single operations (`false` disables retries for it). `retry: false` disables all retries.
 */
export type RetryConfig =
  | false
  | (Partial<RetryOptions> & { operations?: Partial<Record<RetryOperation, Partial<RetryOptions> | false>> });

/** `policy` with the fields `options` sets replaced (official option names → policy fields). */
export function applyRetryOptions(policy: RetryPolicy, options: Partial<RetryOptions>): RetryPolicy {
  const next = { ...policy };
  if (options.maxRetries !== undefined) next.maxRetries = options.maxRetries;
  if (options.baseDelay !== undefined) next.baseDelayMs = options.baseDelay;
  if (options.maxDelay !== undefined) next.maxDelayMs = options.maxDelay;
  if (options.backoffMultiplier !== undefined) next.backoffMultiplier = options.backoffMultiplier;
  if (options.retryableStatusCodes !== undefined) next.retryableStatuses = options.retryableStatusCodes;
  if (options.enableJitter !== undefined) next.jitter = options.enableJitter;
  if (options.maxRetryAfter !== undefined) next.maxRetryAfterMs = options.maxRetryAfter;
  if (options.retryTransportErrors !== undefined) next.retryTransportErrors = options.retryTransportErrors;
  return next;
}

/** The effective policy for `operation`: defaults ← config top-level fields ← config per-operation. */
export function resolveRetryPolicy(
  operation: RetryOperation,
  config: RetryConfig | undefined,
): RetryPolicy | false {
  if (config === false) return false;
  const { operations, ...global } = config ?? {};
  const override = operations?.[operation];
  if (override === false) return false;
  return applyRetryOptions(applyRetryOptions(defaultRetryPolicies[operation], global), override ?? {});
}
