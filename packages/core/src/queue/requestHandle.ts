import type { FalContext } from '../context';
import { queueRequestUrl } from '../endpoint/endpointUrls';
import { TimeoutError } from '../errors/timeoutError';
import { withTimeout } from '../request/withTimeout';
import type { QueueStatus } from '../types/queueStatus';
import type { Result } from '../types/result';
import { assertSignal } from '../validation/assertOptions';
import { cancel, cancelQuietly } from './cancel';
import { assertMaxLogs } from '../validation/assertOptions';
import type { QueueModeOptions, QueueWaitOptions } from './queueOptions';
import { result } from './result';
import { status } from './status';
import { statusUpdates } from './statusUpdates';
import { waitForCompletion } from './subscribeToStatus';
import { checkWaitOptions } from './waitOptions';

/** A queued request: check it, follow it, cancel it or wait for its result (the Python seed's handle). */
export interface RequestHandle<Output = any> {
  readonly endpointId: string;
  readonly requestId: string;
  /** One status GET. */
  status(options?: { logs?: boolean; abortSignal?: AbortSignal }): Promise<QueueStatus>;
  /**
   * Status updates until completion (streamed, with polling fallback); `break` stops following.
   * `logs` and `maxLogs` as in `subscribe`: each update carries the newest `maxLogs` lines so far.
   */
  events(
    options?: QueueModeOptions &
      Pick<QueueWaitOptions, 'logs' | 'maxLogs' | 'onLog'> & { abortSignal?: AbortSignal },
  ): AsyncIterableIterator<QueueStatus>;
  cancel(options?: { abortSignal?: AbortSignal }): Promise<void>;
  /** Wait for completion, then resolve with `{ data, requestId }` like `run`. */
  result(options?: QueueWaitOptions & { abortSignal?: AbortSignal }): Promise<Result<Output>>;
}

export function createRequestHandle<Output = any>(
  ctx: FalContext,
  endpointId: string,
  requestId: string,
): RequestHandle<Output> {
  queueRequestUrl(endpointId, requestId); // validates both now, not at first use
  return {
    endpointId,
    requestId,
    status: (options = {}) => status(ctx, endpointId, { ...options, requestId }),
    events(options = {}) {
      assertSignal(options.abortSignal);
      assertMaxLogs(options.maxLogs);
      return statusUpdates(ctx, endpointId, requestId, { ...options, signal: options.abortSignal });
    },
    cancel: (options = {}) => cancel(ctx, endpointId, { ...options, requestId }),
    async result(options = {}) {
      const timeoutMs = checkWaitOptions(options, ctx);
      return withTimeout(
        options.abortSignal,
        timeoutMs,
        async (signal) => {
          await waitForCompletion(ctx, endpointId, requestId, options, signal);
          return result<Output>(ctx, endpointId, { requestId, abortSignal: signal });
        },
        (reason) => {
          if (reason instanceof TimeoutError || options.cancelOnAbort === true) {
            return cancelQuietly(ctx, endpointId, requestId);
          }
        },
        () => requestId,
      );
    },
  };
}
