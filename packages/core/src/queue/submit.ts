import type { FalContext } from '../context';
import { endpointUrl } from '../endpoint/endpointUrls';
import { checkInput, uploadInputFiles } from '../request/prepareInput';
import { requestHeaders } from '../request/requestHeaders';
import { readResponse } from '../transport/readResponse';
import type { EndpointType, InputType } from '../types/endpoints';
import type { InQueueQueueStatus } from '../types/queueStatus';
import { assertPriority, assertSignal, assertWebhookUrl } from '../validation/assertOptions';
import { untilAborted } from '../request/untilAborted';
import { cancelQuietly } from './cancel';
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
 * `POST https://queue.fal.run/{endpointId}` (docs/protocol.md §4.1). Resolves with the `IN_QUEUE` status
 * holding `request_id`. Retries only failures that cannot have created a job (see `isUndelivered`).
 *
 * Aborting rejects at once, but a POST already sent is left to finish and the job it created is
 * cancelled when its id arrives — aborting the POST itself could leave a job running that nobody
 * knows about. `cancelOnAbort: false` restores the plain behaviour (the POST is aborted).
 */
export async function submit<Id extends EndpointType>(
  ctx: FalContext,
  endpointId: Id,
  options: SubmitOptions<InputType<Id>> = {},
): Promise<InQueueQueueStatus> {
  const { url, headers } = prepareSubmit(endpointId, options);
  const signal = options.abortSignal;
  const guarded = signal !== undefined && options.cancelOnAbort !== false;
  const send = async () => {
    const input = await uploadInputFiles(ctx, options.input, { ...options, signal });
    const response = await ctx.request({
      method: (options.method ?? 'post').toUpperCase() as 'POST',
      url,
      json: input,
      headers,
      signal: guarded ? undefined : signal,
      retrySignal: guarded ? signal : undefined,
      retry: ctx.retryPolicy('submit'),
      onRetry: options.onRetry,
    });
    return readResponse<InQueueQueueStatus>(response, options.method ?? 'post');
  };
  if (!guarded) return send();
  return untilAborted(send(), signal, (late) => {
    void cancelQuietly(ctx, endpointId, late.request_id);
  });
}
