import type { FalContext } from '../context';
import { parseEndpointId } from '../endpoint/parseEndpointId';
import { FalError } from '../errors/falError';
import { TimeoutError } from '../errors/timeoutError';
import { withTimeout } from '../request/withTimeout';
import type { CompletedQueueStatus } from '../types/queueStatus';
import { cancelQuietly } from './cancel';
import { checkWaitOptions } from './waitOptions';
import type { QueueStatusSubscriptionOptions, QueueWaitOptions } from './queueOptions';
import { statusUpdates } from './statusUpdates';
import { callSafely } from '../util/callSafely';

/** Consume status updates until `COMPLETED`, reporting each to `onQueueUpdate`. */
export async function waitForCompletion(
  ctx: FalContext,
  endpointId: string,
  requestId: string,
  options: QueueWaitOptions & {
    onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  },
  signal: AbortSignal,
): Promise<CompletedQueueStatus> {
  for await (const update of statusUpdates(ctx, endpointId, requestId, { ...options, signal })) {
    const { onQueueUpdate } = options;
    if (onQueueUpdate) callSafely(() => onQueueUpdate(update));
    if (update.status === 'COMPLETED') return update;
  }
  throw new FalError(`Status updates of ${requestId} ended before COMPLETED`);
}

/**
 * Wait for a queued request to complete (streaming status by default, see `statusUpdates`).
 * `timeout` rejects with `TimeoutError`; aborting rejects with `AbortError`. Both cancel the job on
 * the server (opt out of the abort case with `cancelOnAbort: false`).
 */
export async function subscribeToStatus(
  ctx: FalContext,
  endpointId: string,
  options: QueueStatusSubscriptionOptions,
): Promise<CompletedQueueStatus> {
  parseEndpointId(endpointId);
  const timeoutMs = checkWaitOptions(options, ctx);
  return withTimeout(
    options.abortSignal,
    timeoutMs,
    (signal) => waitForCompletion(ctx, endpointId, options.requestId, options, signal),
    (reason) => {
      if (reason instanceof TimeoutError || options.cancelOnAbort !== false) {
        return cancelQuietly(ctx, endpointId, options.requestId);
      }
    },
    () => options.requestId,
  );
}
