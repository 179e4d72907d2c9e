export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** HTTP status codes that are retried. */
  retryableStatuses: readonly number[];
  /** Whether transport errors (fetch failed, ECONNRESET, ...) are retried. */
  retryTransportErrors: boolean;
}
