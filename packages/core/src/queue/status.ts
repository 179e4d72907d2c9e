import type { FalContext } from '../context';
import { queueRequestUrl } from '../endpoint/endpointUrls';
import { readResponse } from '../transport/readResponse';
import type { QueueStatus } from '../types/queueStatus';
import { assertSignal } from '../validation/assertOptions';
import type { QueueStatusOptions } from './queueOptions';

/** `GET .../requests/{id}/status?logs=1|0` (docs/protocol.md §4.2). */
export async function status(
  ctx: FalContext,
  endpointId: string,
  options: QueueStatusOptions,
): Promise<QueueStatus> {
  assertSignal(options.abortSignal);
  const url = queueRequestUrl(endpointId, options.requestId, '/status', { logs: options.logs ? '1' : '0' });
  const response = await ctx.request({
    method: 'GET',
    url,
    signal: options.abortSignal,
    retry: ctx.retryPolicy('status'),
    onRetry: options.onRetry,
  });
  return readResponse<QueueStatus>(response);
}
