import { TimeoutError } from '../errors/timeoutError';
import { linkedAbort } from '../util/linkedAbort';

/**
 * Run `task` with a signal that aborts when the caller's signal does or when `timeoutMs` passes.
 * A timeout rejects with `TimeoutError`; the caller's abort rejects with its `AbortError`.
 * `onGiveUp` runs (awaited, errors ignored) before rejecting — used to cancel the server job.
 */
export async function withTimeout<T>(
  parent: AbortSignal | undefined,
  timeoutMs: number | undefined,
  task: (signal: AbortSignal) => Promise<T>,
  onGiveUp?: (reason: unknown) => Promise<void> | void,
  requestId?: () => string | undefined,
): Promise<T> {
  let timeoutError: TimeoutError | undefined;
  const link = linkedAbort(
    parent,
    timeoutMs === undefined
      ? undefined
      : { ms: timeoutMs, reason: () => (timeoutError = new TimeoutError(timeoutMs, requestId?.())) },
  );
  try {
    return await task(link.signal);
  } catch (error) {
    const reason = link.signal.aborted ? link.signal.reason : undefined;
    if (reason !== undefined && onGiveUp) await Promise.resolve(onGiveUp(reason)).catch(() => {});
    if (timeoutError && reason === timeoutError) throw timeoutError;
    throw error;
  } finally {
    link.dispose();
  }
}
