import type { FalContext } from '../context';
import { endpointUrl } from '../endpoint/endpointUrls';
import { checkInput, uploadInputFiles } from '../operations/prepareInput';
import { requestHeaders } from '../operations/requestHeaders';
import { readResponse } from '../transport/readResponse';
import type { EndpointType, InputType } from '../types/endpoints';
import type { InQueueQueueStatus } from '../types/queueStatus';
import { assertPriority, assertSignal, assertWebhookUrl } from '../validation/assertOptions';
import type { SubmitOptions } from './queueOptions';

/** Everything `submit` checks before sending; returns the URL and headers to use. */
export function prepareSubmit(endpointId: string, options: SubmitOptions<unknown>) {
  checkInput(options.input);
  assertSignal(options.abortSignal);
  assertPriority(options.priority);
  assertWebhookUrl(options.webhookUrl);
  const url = endpointUrl(endpointId, 'queue.fal.run', {
    path: options.path,
    query: { ...options.query, fal_webhook: options.webhookUrl },
  });
  // Priority is always sent, as the official client does; explicit options beat `headers`.
  const headers = { ...requestHeaders(options), 'x-fal-queue-priority': options.priority ?? 'normal' };
  return { url, headers };
}

/**
 * `POST https://queue.fal.run/{endpointId}` (fal-protocol §4.1). Resolves with the `IN_QUEUE` status
 * holding `request_id`. Retries only failures that cannot have created a job (see `isUndelivered`).
 */
export async function submit<Id extends EndpointType>(
  ctx: FalContext,
  endpointId: Id,
  options: SubmitOptions<InputType<Id>> = {},
  /** Internal: `retrySignal` stops uploads and retries but lets a POST in flight finish (see subscribe). */
  internal: { retrySignal?: AbortSignal } = {},
): Promise<InQueueQueueStatus> {
  const { url, headers } = prepareSubmit(endpointId, options);
  const input = await uploadInputFiles(ctx, options.input, {
    ...options,
    signal: options.abortSignal ?? internal.retrySignal,
  });
  const response = await ctx.request({
    retrySignal: internal.retrySignal,
    method: ((options.method ?? 'post').toUpperCase() as 'POST') ?? 'POST',
    url,
    json: input,
    headers,
    signal: options.abortSignal,
    retry: ctx.retryPolicy('submit'),
    onRetry: options.onRetry,
  });
  return readResponse<InQueueQueueStatus>(response);
}
