import type { FalContext } from '../context';
import { throwIfAborted } from '../errors/abortError';
import { FalInputError } from '../errors/falInputError';
import { defaultRetryPolicies } from '../retry/defaultRetryPolicies';
import { applyRetryOptions, type RetryOptions } from '../retry/retryOptions';
import type { RetryPolicy } from '../retry/retryPolicy';
import { assertPositiveInteger } from '../util/concurrencyLimit';
import { uploadContentType, uploadFileName } from './fileName';
import { loadOnce } from '../util/loadOnce';
import { initiateUpload } from './initiateUpload';
import { type UploadLifecycle, objectLifecycleHeader } from './objectLifecycle';
import type { UploadProgressListener } from './uploadProgress';
import { type UploadData, bodySize, uploadSource } from './uploadSource';
import type { LoadUploadTransfer } from './uploadTransfer';
import { callSafely } from '../util/callSafely';

const MiB = 1024 * 1024;
/** Same switch-over point as `@fal-ai/client`, so both clients treat a file the same way. */
export const DEFAULT_MULTIPART_THRESHOLD = 90 * MiB;
export const DEFAULT_PART_SIZE = 10 * MiB;
/** Parts of one file sent at once (the client's `uploadConcurrency` bounds all transfers together). */
export const DEFAULT_PART_CONCURRENCY = 4;

/**
 * `retry` of one upload: the config's option names (`RetryOptions`), applied over the client's
 * `upload` policy for this upload's initiation, every PUT and the multipart completion.
 */
export type UploadRetryOptions = Partial<RetryOptions> & {
  /** @deprecated Alias of `baseDelay` (the name before uploads shared the client's retry engine). */
  baseDelayMs?: number;
  /** @deprecated Alias of `maxDelay`. */
  maxDelayMs?: number;
};

/** @deprecated Use `UploadRetryOptions`: same fields, plus every `RetryOptions` field. */
export type TransferRetryOptions = UploadRetryOptions;

export interface UploadOptions {
  /**
   * MIME type of the stored file (sent on initiation and with the bytes). Default: the `Blob`'s
   * `type` (`uploadImage`: the format's), `text/plain;charset=utf-8` for a string, else
   * `application/octet-stream`.
   */
  contentType?: string;
  /** Name of the stored file. Default: the `File`'s name, else `{timestamp}.{subtype of the content type}`. */
  fileName?: string;
  /** Expiry / ACL of the stored file: `{ expiresIn, initialAcl }` or just the expiration (`'1d'`, 3600). */
  lifecycle?: UploadLifecycle;
  /** Bytes sent so far; monotonic, ends with exactly one `{ loaded: total, fraction: 1 }`. */
  onProgress?: UploadProgressListener;
  /**
   * Called once when the upload leaves the client's upload queue and starts sending (a single
   * file: before its initiation; multipart: when the first part gets a slot).
   */
  onStart?: () => void;
  /** Aborts the initiation, every part in flight, a wait in the upload queue and any retry sleep. */
  signal?: AbortSignal;
  /** Multipart parts of this file sent at once (default 4; the client's `uploadConcurrency` still bounds them). */
  concurrency?: number;
  /** Multipart part size in bytes (default 10 MiB; S3-style stores need ≥ 5 MiB for all but the last). */
  partSize?: number;
  /** Files larger than this many bytes are sent in parts (default 90 MiB). */
  multipartThreshold?: number;
  /**
   * Retry settings for this upload's requests, over the client's `upload` policy (`retry` /
   * `retry.operations.upload` in the config: 3 retries on transport errors, 408, 429, 500, 502, 503,
   * 504, 1 s base, 30 s cap); `false` disables them. The config's `onRetry` sees every retry.
   */
  retry?: UploadRetryOptions | false;
}

/**
 * Uploads a `Blob` / `File`, bytes or text (`UploadData`) to fal storage and resolves with its public
 * URL (§6.1): initiate with credentials, then PUT the bytes straight to the signed URL (never through
 * the proxy). A single file holds one slot of the client's upload queue from its initiation to its
 * last PUT. Bytes are sent as views of the caller's buffer, not copied: they must not change until
 * the upload settles.
 *
 * The initiation leaves from this code and `loadTransfer` (the PUTs and parts, loaded on first use)
 * starts once it is on its way, so a page's first upload does not wait for a chunk before its first
 * request.
 */
export async function upload(
  ctx: FalContext,
  data: UploadData,
  options: UploadOptions = {},
  loadTransfer: LoadUploadTransfer,
): Promise<string> {
  const source = uploadSource(data);
  const contentType = uploadContentType(source, options.contentType);
  const fileName = uploadFileName(source, contentType, options.fileName);
  const lifecycleHeader = objectLifecycleHeader(options.lifecycle);
  const concurrency = assertPositiveInteger(options.concurrency ?? DEFAULT_PART_CONCURRENCY, 'concurrency');
  const partSize = assertPositiveInteger(options.partSize ?? DEFAULT_PART_SIZE, 'partSize');
  const threshold = options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold >= 0)) {
    throw new FalInputError(`must be a number of bytes ≥ 0, got ${String(threshold)}`, 'multipartThreshold');
  }
  for (const name of ['onProgress', 'onStart'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new FalInputError('must be a function', name);
    }
  }
  const retry = uploadRetryPolicy(options.retry, ctx.retryPolicy('upload'));
  const { signal } = options;
  // User callbacks follow the one callback-error policy: a throw is reported, the upload goes on.
  const { onStart: onStartOption, onProgress: onProgressOption } = options;
  const onStart = () => {
    if (onStartOption) callSafely(onStartOption);
  };
  const onProgress: UploadProgressListener | undefined =
    onProgressOption && ((event) => callSafely(() => onProgressOption(event)));
  throwIfAborted(signal);

  const described = { contentType, fileName, lifecycleHeader };
  const transfer = loadOnce(loadTransfer);
  const { body } = source;
  const size = bodySize(body);

  if (size > threshold) {
    const target = await initiateUpload(ctx, 'multipart', described, { signal, retry, onSent: transfer });
    const { multipartUpload, UploadProgressTracker } = await transfer();
    const progress = new UploadProgressTracker(size, onProgress);
    await multipartUpload(ctx, target, body, { partSize, concurrency, retry, signal, progress, onStart });
    progress.complete();
    return target.fileUrl;
  }

  let progress: InstanceType<Awaited<ReturnType<typeof transfer>>['UploadProgressTracker']> | undefined;
  const fileUrl = await ctx.uploadQueue(async () => {
    onStart();
    const target = await initiateUpload(ctx, 'single', described, { signal, retry, onSent: transfer });
    const { sendBody, UploadProgressTracker } = await transfer();
    progress = new UploadProgressTracker(size, onProgress);
    const response = await sendBody(ctx, target.uploadUrl, body, {
      contentType,
      signal,
      retry,
      onSent: progress.enabled ? (loaded) => progress?.update(1, loaded) : undefined,
    });
    await response.body?.cancel();
    return target.fileUrl;
  }, signal);
  progress?.complete();
  return fileUrl;
}

/** `options.retry` over the client's `upload` policy (over the defaults when the client disabled it). */
function uploadRetryPolicy(retry: UploadOptions['retry'], policy: RetryPolicy | false): RetryPolicy | false {
  if (retry === undefined) return policy;
  if (retry === false) return false;
  if (typeof retry !== 'object' || retry === null) {
    throw new FalInputError('must be retry options or false', 'retry');
  }
  const { baseDelayMs, maxDelayMs, ...options } = retry;
  const merged = applyRetryOptions(policy || defaultRetryPolicies.upload, {
    baseDelay: baseDelayMs,
    maxDelay: maxDelayMs,
    ...options,
  });
  if (!Number.isSafeInteger(merged.maxRetries) || merged.maxRetries < 0) {
    throw new FalInputError(
      `must be a whole number ≥ 0, got ${String(merged.maxRetries)}`,
      'retry.maxRetries',
    );
  }
  return merged;
}
