import type { FalContext } from '../context';
import { queueRequestUrl } from '../endpoint/endpointUrls';
import { assertSignal } from '../validation/assertOptions';
import type { BaseQueueOptions } from './queueOptions';

/** `PUT .../requests/{id}/cancel` (docs/protocol.md §4.5). Rejects with `ApiError` on non-2xx (e.g. already completed). */
export async function cancel(ctx: FalContext, endpointId: string, options: BaseQueueOptions): Promise<void> {
  assertSignal(options.abortSignal);
  const url = queueRequestUrl(endpointId, options.requestId, '/cancel');
  const response = await ctx.request({
    method: 'PUT',
    url,
    signal: options.abortSignal,
    retry: ctx.retryPolicy('cancel'),
    onRetry: options.onRetry,
  });
  await response.body?.cancel().catch(() => {});
}

/** Cancel after a timeout or abort: bounded to 5 s, errors ignored (the caller is already failing). */
export async function cancelQuietly(ctx: FalContext, endpointId: string, requestId: string): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    await cancel(ctx, endpointId, { requestId, abortSignal: controller.signal });
  } catch {
    // Ignored: the request may already be finished, or unreachable.
  } finally {
    clearTimeout(timer);
  }
}
