import { abortReason, throwIfAborted } from '../errors/abortError';
import { sleep } from '../util/sleep';
import { isRetryable } from './isRetryable';
import { retryDelay } from './retryDelay';
import type { RetryPolicy } from './retryPolicy';

/** What a retry engine reports before each retry sleep. */
export interface RetryNotice {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface WithRetryOptions {
  /** The operation's policy; `false` runs `attempt` once. */
  policy: RetryPolicy | false;
  /** Aborts the attempt in flight (the attempt's business) and any retry sleep. */
  signal?: AbortSignal;
  /**
   * Aborts retry sleeps and stops further attempts, but never an attempt in flight: queue submit
   * uses it so that an abort cannot lose the response of a job that fal already created.
   */
  retrySignal?: AbortSignal;
  /** Called before each retry sleep. */
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * The client's one retry engine: runs `attempt` until it succeeds, the policy refuses the error
 * (`isRetryable`), or retries run out, sleeping `retryDelay` (backoff with jitter, or the server's
 * `Retry-After`) in between. Sleeps end at once on abort and leave no timer behind. Every request the
 * client makes (run, queue, stream, upload initiation, every upload PUT) retries through it.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  const { policy, signal, retrySignal } = options;
  for (let attemptNumber = 0; ; attemptNumber++) {
    throwIfAborted(signal);
    throwIfAborted(retrySignal);
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (retrySignal?.aborted) throw abortReason(retrySignal);
      if (!policy || attemptNumber >= policy.maxRetries || !isRetryable(error, policy)) throw error;
      const delayMs = retryDelay(attemptNumber, policy, error);
      options.onRetry?.({ attempt: attemptNumber + 1, delayMs, error });
      await sleep(delayMs, retrySignal ?? signal);
    }
  }
}
