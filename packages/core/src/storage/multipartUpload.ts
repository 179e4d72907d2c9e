import type { FalContext } from '../context';
import { abortReason } from '../errors/abortError';
import { errorFromResponse } from '../errors/errorFromResponse';
import { FalError } from '../errors/falError';
import type { RetryPolicy } from '../retry/retryPolicy';
import { createLimit } from '../util/concurrencyLimit';
import { linkedAbort } from '../util/linkedAbort';
import type { UploadTarget } from './initiateUpload';
import { sendBody } from './sendBody';
import { type UploadBody, bodySize, bodySlice } from './uploadSource';
import type { UploadProgressTracker } from './uploadProgress';

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

/**
 * Uploads `body` in `partSize` parts (Blob slices, or views of the caller's bytes) to an initiated multipart target, at most `concurrency` parts
 * at a time, each holding a slot of the client's upload queue while it sends and retrying on its
 * own, then completes the upload (§6.1). The first part that fails for good aborts every other part
 * (in flight or waiting for a slot), and nothing is left running when this rejects.
 */
export async function multipartUpload(
  ctx: FalContext,
  target: UploadTarget,
  body: UploadBody,
  options: {
    partSize: number;
    concurrency: number;
    retry: RetryPolicy | false;
    signal: AbortSignal | undefined;
    progress: UploadProgressTracker;
    /** Called when the first part gets its slot. */
    onStart: () => void;
  },
): Promise<void> {
  const base = new URL(target.uploadUrl);
  const urlFor = (suffix: string) => `${base.origin}${base.pathname}/${suffix}${base.search}`;
  const partCount = Math.max(1, Math.ceil(bodySize(body) / options.partSize));
  const limit = createLimit(options.concurrency);
  const abort = linkedAbort(options.signal);
  const { progress } = options;

  let started = false;
  const uploadPart = async (partNumber: number): Promise<UploadedPart> => {
    abort.signal.throwIfAborted();
    if (!started) {
      started = true;
      options.onStart();
    }
    const start = (partNumber - 1) * options.partSize;
    const response = await sendBody(
      ctx,
      urlFor(String(partNumber)),
      bodySlice(body, start, start + options.partSize),
      {
        signal: abort.signal,
        retry: options.retry,
        onSent: progress.enabled ? (loaded) => progress.update(partNumber, loaded) : undefined,
      },
    );
    return { partNumber, etag: await readEtag(response, partNumber) };
  };

  let firstError: { error: unknown } | undefined;
  try {
    const tasks = Array.from({ length: partCount }, (_, index) =>
      limit(() => ctx.uploadQueue(() => uploadPart(index + 1), abort.signal), abort.signal).catch(
        (error: unknown) => {
          firstError ??= { error };
          abort.abort(error);
          throw error;
        },
      ),
    );
    // Wait for every part to settle so no request outlives a failure, then report the first error.
    const settled = await Promise.allSettled(tasks);
    if (firstError) throw options.signal?.aborted ? abortReason(options.signal) : firstError.error;
    const parts = settled.map((result) => (result as PromiseFulfilledResult<UploadedPart>).value);

    const completeUrl = urlFor('complete');
    const body = JSON.stringify({ parts });
    await ctx.withRetry(
      { method: 'POST', url: completeUrl.split(/[?#]/)[0]! },
      async () => {
        const response = await ctx.fetch(ctx.resolveUrl(completeUrl), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: abort.signal,
        });
        if (!response.ok) throw await errorFromResponse(response);
        await response.body?.cancel();
      },
      { policy: options.retry, signal: abort.signal },
    );
  } finally {
    abort.dispose();
  }
}

async function readEtag(response: Response, partNumber: number): Promise<string> {
  // The JS flow answers `{ partNumber, etag }`; S3-style servers send an `ETag` header instead.
  const text = await response.text();
  if (text) {
    try {
      const body = JSON.parse(text) as { etag?: unknown };
      if (typeof body.etag === 'string') return body.etag;
    } catch {
      // fall through to the header
    }
  }
  const header = response.headers.get('etag');
  if (header) return header;
  throw new FalError(`Part ${partNumber} was accepted without an etag`);
}
