import type { FalContext } from '../context';
import type { RetryPolicy } from '../retry/retryPolicy';
import { throwIfAborted } from '../errors/abortError';
import { FalInputError } from '../errors/falInputError';
import { assertPositiveInteger } from './concurrencyLimit';
import { uploadContentType, uploadFileName } from './fileName';
import { initiateUpload } from './initiateUpload';
import { multipartUpload } from './multipartUpload';
import { type UploadLifecycle, objectLifecycleHeader } from './objectLifecycle';
import { sendBlob } from './sendBlob';
import { DEFAULT_TRANSFER_RETRY, type TransferRetryOptions } from './transferRetry';
import { type UploadProgressListener, UploadProgressTracker } from './uploadProgress';

const MiB = 1024 * 1024;
/** Same switch-over point as `@fal-ai/client`, so both clients treat a file the same way. */
export const DEFAULT_MULTIPART_THRESHOLD = 90 * MiB;
export const DEFAULT_PART_SIZE = 10 * MiB;
export const DEFAULT_UPLOAD_CONCURRENCY = 4;

export interface UploadOptions {
  /** Expiry / ACL of the stored file: `{ expiresIn, initialAcl }` or just the expiration (`'1d'`, 3600). */
  lifecycle?: UploadLifecycle;
  /** Bytes sent so far; monotonic, ends with exactly one `{ loaded: total, fraction: 1 }`. */
  onProgress?: UploadProgressListener;
  /** Aborts the initiation, every part in flight and any retry sleep. */
  signal?: AbortSignal;
  /** Multipart parts sent at once (default 4). */
  concurrency?: number;
  /** Multipart part size in bytes (default 10 MiB; S3-style stores need ≥ 5 MiB for all but the last). */
  partSize?: number;
  /** Files larger than this many bytes are sent in parts (default 90 MiB). */
  multipartThreshold?: number;
  /**
   * Retries per PUT / part on transport errors, 408, 429 and 5xx. Defaults to the client's `upload`
   * retry policy (3 retries, 1 s base, 30 s cap unless configured); `false` disables them.
   */
  retry?: Partial<TransferRetryOptions> | false;
}

/**
 * Uploads a `Blob` / `File` to fal storage and resolves with its public URL (§6.1): initiate with
 * credentials, then PUT the bytes straight to the signed URL (never through the proxy).
 */
export async function upload(ctx: FalContext, file: Blob, options: UploadOptions = {}): Promise<string> {
  if (!(file instanceof Blob)) throw new FalInputError('must be a Blob or File', 'file');
  const lifecycleHeader = objectLifecycleHeader(options.lifecycle);
  const concurrency = assertPositiveInteger(options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY, 'concurrency');
  const partSize = assertPositiveInteger(options.partSize ?? DEFAULT_PART_SIZE, 'partSize');
  const threshold = options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold >= 0)) {
    throw new FalInputError(`must be a number of bytes ≥ 0, got ${String(threshold)}`, 'multipartThreshold');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new FalInputError('must be a function', 'onProgress');
  }
  const retry = transferRetry(options.retry, ctx.retryPolicy('upload'));
  const { signal } = options;
  throwIfAborted(signal);

  const contentType = uploadContentType(file);
  const described = { contentType, fileName: uploadFileName(file, contentType), lifecycleHeader };
  const progress = new UploadProgressTracker(file.size, options.onProgress);

  if (file.size > threshold) {
    const target = await initiateUpload(ctx, 'multipart', described, signal);
    await multipartUpload(ctx, target, file, { partSize, concurrency, retry, signal, progress });
    progress.complete();
    return target.fileUrl;
  }

  const target = await initiateUpload(ctx, 'single', described, signal);
  const response = await sendBlob(ctx, target.uploadUrl, file, {
    contentType,
    signal,
    retry,
    onSent: progress.enabled ? (loaded) => progress.update(1, loaded) : undefined,
  });
  await response.body?.cancel();
  progress.complete();
  return target.fileUrl;
}

/** `options.retry` over the client's `upload` retry policy (`retry.operations.upload` in the config). */
function transferRetry(retry: UploadOptions['retry'], policy: RetryPolicy | false): TransferRetryOptions {
  if (retry === false || (policy === false && retry === undefined))
    return { ...DEFAULT_TRANSFER_RETRY, maxRetries: 0 };
  const base = policy
    ? { maxRetries: policy.maxRetries, baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs }
    : DEFAULT_TRANSFER_RETRY;
  const merged = { ...base, ...retry };
  if (!Number.isSafeInteger(merged.maxRetries) || merged.maxRetries < 0) {
    throw new FalInputError(
      `must be a whole number ≥ 0, got ${String(merged.maxRetries)}`,
      'retry.maxRetries',
    );
  }
  return merged;
}
