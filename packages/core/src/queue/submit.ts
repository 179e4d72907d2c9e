import type { FalContext } from '../context';
import { endpointUrl } from '../endpoint/endpointUrls';
import { checkInput, uploadInputFiles } from '../request/prepareInput';
import { requestHeaders } from '../request/requestHeaders';
import { ApiError } from '../errors/apiError';
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
  /** Called once the POST has been handed to `fetch` (see `FalRequestOptions.onSent`). */
  onSent?: () => void,
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
      onSent,
    });
    return readQueueStatus(response, options.method ?? 'post');
  };
  if (!guarded) return send();
  return untilAborted(send(), signal, (late) => {
    void cancelQuietly(ctx, endpointId, late.request_id);
  });
}

/**
 * A 2xx submit must hold a queue status with a request id (docs/protocol.md §4.1). Anything else (a
 * proxy relaying a 401 as 200, an HTML sign-in page, broken JSON) is the server's fault: an `ApiError`
 * carrying the body, never a caller-mistake `FalInputError` from the next call that needs the id.
 */
async function readQueueStatus(response: Response, method: string): Promise<InQueueQueueStatus> {
  const copy = response.clone();
  const body = await readResponse<unknown>(response, method).catch(async (error: unknown) => {
    if (!(error instanceof SyntaxError)) throw error;
    return copy.text();
  });
  const requestId = (body as { request_id?: unknown } | null)?.request_id;
  if (typeof requestId === 'string' && requestId !== '') return body as InQueueQueueStatus;
  const detail = (body as { detail?: unknown; message?: unknown } | null) ?? {};
  const reason = typeof detail.message === 'string' ? detail.message : detail.detail;
  throw new ApiError({
    message: `Submit answered without a request_id (HTTP ${response.status})${
      typeof reason === 'string' && reason ? `: ${reason}` : ''
    }`,
    status: response.status,
    body,
    requestId: response.headers.get('x-fal-request-id') ?? undefined,
    headers: response.headers,
  });
}
