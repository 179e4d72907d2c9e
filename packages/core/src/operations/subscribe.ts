import type { FalContext } from '../context';
import { TimeoutError } from '../errors/timeoutError';
import { cancelQuietly } from '../queue/cancel';
import type { SubscribeOptions } from '../queue/queueOptions';
import { result } from '../queue/result';
import { prepareSubmit, submit } from '../queue/submit';
import { checkWaitOptions, waitForCompletion } from '../queue/subscribeToStatus';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { Result } from '../types/result';
import { untilAborted } from './untilAborted';
import { withTimeout } from './withTimeout';

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
      // The submit POST is not aborted once sent: if the caller gives up meanwhile, the job fal
      // creates is cancelled as soon as its id arrives, instead of running unseen.
      const submitted = submit(
        ctx,
        endpointId,
        { ...options, abortSignal: undefined },
        { retrySignal: signal },
      );
      const queued = await untilAborted(submitted, signal, (late) => {
        if (signal.reason instanceof TimeoutError || options.cancelOnAbort !== false) {
          void cancelQuietly(ctx, endpointId, late.request_id);
        }
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
