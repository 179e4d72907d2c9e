import type { FalContext } from '../context';
import { TimeoutError } from '../errors/timeoutError';
import { cancelQuietly } from '../queue/cancel';
import type { SubscribeOptions } from '../queue/queueOptions';
import type { result } from '../queue/result';
import { prepareSubmit, submit } from '../queue/submit';
import type { waitForCompletion } from '../queue/subscribeToStatus';
import { checkWaitOptions } from '../queue/waitOptions';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { Result } from '../types/result';
import { withTimeout } from '../request/withTimeout';
import { loadOnce } from '../util/loadOnce';
import { callSafely } from '../util/callSafely';

/** The code that follows a queued request (the client's lazy queue module). */
export interface QueueFollowing {
  waitForCompletion: typeof waitForCompletion;
  result: typeof result;
}

/**
 * Submit to the queue, follow the status (streamed by default) and fetch the result the moment it
 * completes. `timeout` / `abortSignal` cancel the server job once it has a request id (abort: unless
 * `cancelOnAbort: false`). The signal also covers the result fetch.
 *
 * The submit is sent from code the page already has; `loadFollowing` (the client's lazy queue module)
 * starts loading once the POST is on its way, so no chunk fetch stands between the call and its first
 * request, and the status stream opens as soon as both the job id and that code are in.
 */
export async function subscribe<Id extends EndpointType>(
  ctx: FalContext,
  endpointId: Id,
  options: SubscribeOptions<InputType<Id>> = {},
  loadFollowing: () => Promise<QueueFollowing>,
): Promise<Result<OutputType<Id>>> {
  prepareSubmit(endpointId, options);
  const timeoutMs = checkWaitOptions(options, ctx);
  let requestId: string | undefined;
  return withTimeout(
    options.abortSignal,
    timeoutMs,
    async (signal) => {
      const following = loadOnce(loadFollowing);
      // An abort while the POST is in flight lets it finish and cancels the job it creates.
      const queued = await submit(
        ctx,
        endpointId,
        {
          ...options,
          abortSignal: signal,
          cancelOnAbort: options.cancelOnAbort !== false || timeoutMs !== undefined,
        },
        following,
      );
      requestId = queued.request_id;
      const { onEnqueue } = options;
      if (onEnqueue) callSafely(() => onEnqueue(requestId as string));
      const { waitForCompletion, result } = await following();
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
