import { ApiError } from '../errors/apiError';
import { isAbortError } from '../errors/abortError';
import { sleep } from '../util/sleep';

/** Retries for direct transfers (signed-URL PUTs, multipart parts): idempotent, so always safe. */
export interface TransferRetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_TRANSFER_RETRY: TransferRetryOptions = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

/**
 * Runs `attempt` until it succeeds, retrying transport errors and 408 / 429 / 5xx answers with
 * exponential backoff (±25 % jitter, `Retry-After` honoured). Other 4xx answers (an expired or
 * forged signed URL) fail at once; the sleep ends as soon as `signal` aborts.
 */
export async function withTransferRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: { retry: TransferRetryOptions; signal?: AbortSignal; onRetry?: (attemptNumber: number) => void },
): Promise<T> {
  const { retry, signal } = options;
  for (let attemptNumber = 0; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (
        signal?.aborted ||
        isAbortError(error) ||
        attemptNumber >= retry.maxRetries ||
        !isRetryable(error)
      ) {
        throw error;
      }
      options.onRetry?.(attemptNumber + 1);
      await sleep(retryDelay(error, attemptNumber, retry), signal);
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 408 || error.status === 429 || error.status >= 500;
  // fetch reports network failures (reset, refused, DNS) as TypeError.
  return error instanceof TypeError;
}

function retryDelay(error: unknown, attemptNumber: number, retry: TransferRetryOptions): number {
  const retryAfter = error instanceof ApiError ? retryAfterMs(error.headers.get('retry-after')) : undefined;
  if (retryAfter !== undefined) return Math.min(retryAfter, retry.maxDelayMs);
  const exponential = Math.min(retry.baseDelayMs * 2 ** attemptNumber, retry.maxDelayMs);
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
