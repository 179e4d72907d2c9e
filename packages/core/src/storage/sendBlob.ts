import type { FalContext } from '../context';
import { errorFromResponse } from '../errors/errorFromResponse';
import { putBlob } from './putBlob';
import { type TransferRetryOptions, withTransferRetry } from './transferRetry';

/**
 * PUTs a blob (a whole file or one multipart part) to a signed URL, directly (no auth, no proxy),
 * with retries. `onSent` receives absolute byte counts and restarts from 0 on a retry.
 */
export async function sendBlob(
  ctx: FalContext,
  url: string,
  blob: Blob,
  options: {
    contentType?: string;
    signal?: AbortSignal;
    retry: TransferRetryOptions;
    onSent?: (loaded: number) => void;
  },
): Promise<Response> {
  const { onSent } = options;
  return withTransferRetry(
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
    { retry: options.retry, signal: options.signal },
  );
}
