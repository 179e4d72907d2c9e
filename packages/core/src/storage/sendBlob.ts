import type { FalContext } from '../context';
import { errorFromResponse } from '../errors/errorFromResponse';
import type { RetryPolicy } from '../retry/retryPolicy';
import { putBlob } from './putBlob';

/**
 * PUTs a blob (a whole file or one multipart part) to a signed URL, directly (no auth, no proxy),
 * retried by the client's retry engine under `retry` (a PUT is idempotent). `onSent` receives
 * absolute byte counts and restarts from 0 on a retry.
 */
export function sendBlob(
  ctx: FalContext,
  url: string,
  blob: Blob,
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
      const response = await putBlob(ctx.resolveUrl(url), blob, {
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
