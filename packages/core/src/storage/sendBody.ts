import type { FalContext } from '../context';
import { errorFromResponse } from '../errors/errorFromResponse';
import type { RetryPolicy } from '../retry/retryPolicy';
import { putBody } from './putBody';
import type { UploadBody } from './uploadSource';

/**
 * PUTs an upload body (a whole file or one multipart part) to a signed URL, directly (no auth, no proxy),
 * retried by the client's retry engine under `retry` (a PUT is idempotent). `onSent` receives
 * absolute byte counts and restarts from 0 on a retry.
 */
export function sendBody(
  ctx: FalContext,
  url: string,
  body: UploadBody,
  options: {
    contentType?: string;
    signal?: AbortSignal;
    retry: RetryPolicy | false;
    onSent?: (loaded: number) => void;
  },
): Promise<Response> {
  const { onSent } = options;
  return ctx.withRetry(
    // `onRetry` gets the URL without its query: a signed URL's query is a credential.
    { method: 'PUT', url: url.split(/[?#]/)[0]! },
    async (attemptNumber) => {
      if (attemptNumber > 0) onSent?.(0);
      // Each attempt builds its body afresh from the same Blob or views (nothing was consumed).
      const response = await putBody(ctx.resolveUrl(url), body, {
        fetch: ctx.fetch,
        contentType: options.contentType,
        signal: options.signal,
        onSent,
      });
      if (!response.ok) throw await errorFromResponse(response);
      return response;
    },
    { policy: options.retry, signal: options.signal },
  );
}
