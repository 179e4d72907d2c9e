export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** HTTP status codes that are retried. */
  retryableStatuses: readonly number[];
  /** Whether transport errors (fetch failed, ECONNRESET, ...) are retried. */
  retryTransportErrors: boolean;
  /** Growth factor of the backoff (default 2). */
  backoffMultiplier?: number;
  /** ±25 % random jitter on each delay (default true). */
  jitter?: boolean;
  /** Upper bound for a server's `Retry-After` (default 60 s). */
  maxRetryAfterMs?: number;
  /**
   * Retry only failures where the request provably never reached fal, so a retry cannot create a
   * second job (queue submit). See `isUndelivered`.
   */
  onlyUndelivered?: boolean;
}
