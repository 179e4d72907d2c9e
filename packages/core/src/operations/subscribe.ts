import type { FalContext } from '../context';
import { TimeoutError } from '../errors/timeoutError';
import { cancelQuietly } from '../queue/cancel';
import type { SubscribeOptions } from '../queue/queueOptions';
import { result } from '../queue/result';
import { prepareSubmit, submit } from '../queue/submit';
import { checkWaitOptions, waitForCompletion } from '../queue/subscribeToStatus';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { Result } from '../types/result';
import { withTimeout } from '../request/withTimeout';

/**
 * Submit to the queue, follow the status (streamed by default) and fetch the result the moment it
 * completes. `timeout` / `abortSignal` cancel the server job once it has a request id (abort: unless
 * `cancelOnAbort: false`). The signal also covers the result fetch.
 */
export async function subscribe<Id extends EndpointType>(
  ctx: FalContext,
  endpointId: Id,
  options: SubscribeOptions<InputType<Id>> = {},
): Promise<Result<OutputType<Id>>> {
  prepareSubmit(endpointId, options);
  const timeoutMs = checkWaitOptions(options, ctx);
  let requestId: string | undefined;
  return withTimeout(
    options.abortSignal,
    timeoutMs,
    async (signal) => {
      // An abort while the POST is in flight lets it finish and cancels the job it creates.
      const queued = await submit(ctx, endpointId, {
        ...options,
        abortSignal: signal,
        cancelOnAbort: options.cancelOnAbort !== false || timeoutMs !== undefined,
      });
      requestId = queued.request_id;
      options.onEnqueue?.(requestId);
      await waitForCompletion(ctx, endpointId, requestId, options, signal);
      return result<OutputType<Id>>(ctx, endpointId, {
        requestId,
        abortSignal: signal,
        onRetry: options.onRetry,
      });
    },
    (reason) => {
      if (requestId && (reason instanceof TimeoutError || options.cancelOnAbort !== false)) {
        return cancelQuietly(ctx, endpointId, requestId);
      }
    },
    () => requestId,
  );
}
