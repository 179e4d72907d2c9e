import type { FalContext } from '../context';
import { queueRequestUrl } from '../endpoint/endpointUrls';
import { readResponse } from '../transport/readResponse';
import type { Result } from '../types/result';
import { assertSignal } from '../validation/assertOptions';
import type { BaseQueueOptions } from './queueOptions';

/**
 * `GET .../requests/{id}` (docs/protocol.md §4.4): the stored output of a completed request, or the
 * model's error replayed as `ApiError` / `ValidationError`. Does not wait for completion.
 */
export async function result<Output = any>(
  ctx: FalContext,
  endpointId: string,
  options: BaseQueueOptions,
): Promise<Result<Output>> {
  assertSignal(options.abortSignal);
  const url = queueRequestUrl(endpointId, options.requestId);
  const response = await ctx.request({
    method: 'GET',
    url,
    signal: options.abortSignal,
    retry: ctx.retryPolicy('result'),
    onRetry: options.onRetry,
  });
  const requestId = response.headers.get('x-fal-request-id') || options.requestId;
  return { data: await readResponse<Output>(response), requestId };
}
