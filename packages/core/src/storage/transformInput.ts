import type { FalContext } from '../context';
import { throwIfAborted } from '../errors/abortError';
import { FalInputError } from '../errors/falInputError';
import { assertPositiveInteger, createLimit } from '../util/concurrencyLimit';
import { linkedAbort } from '../util/linkedAbort';
import { dataUrlToBlob, isDataUrl } from './dataUrl';
import { upload } from './upload';

/** Data URLs longer than this (in characters ≈ bytes) are uploaded instead of sent inline. */
export const DEFAULT_DATA_URL_THRESHOLD = 1024 * 1024;

export interface TransformInputOptions {
  /**
   * At most this many of this input's files at once. Without it the client's upload queue
   * (`uploadConcurrency`, default 3, shared with every other upload) is the only bound.
   */
  concurrency?: number;
  /** Upload data URLs longer than this many characters (default 1 MiB); `Infinity` keeps them all inline. */
  dataUrlThreshold?: number;
  signal?: AbortSignal;
}

/**
 * Returns a copy of `input` in which every `Blob` / `File` (and every data URL above the threshold)
 * is uploaded and replaced by its URL. Walks arrays and plain objects only; class instances, Dates,
 * short strings and other values are returned as they are. The same Blob is uploaded once. The
 * first failed upload aborts the others. A cycle throws `FalInputError` before any upload.
 */
export async function transformInput<T>(
  ctx: FalContext,
  input: T,
  options: TransformInputOptions = {},
): Promise<T> {
  const concurrency =
    options.concurrency === undefined
      ? Number.POSITIVE_INFINITY
      : assertPositiveInteger(options.concurrency, 'concurrency');
  const threshold = options.dataUrlThreshold ?? DEFAULT_DATA_URL_THRESHOLD;
  if (typeof threshold !== 'number' || Number.isNaN(threshold) || threshold < 0) {
    throw new FalInputError(`must be a number ≥ 0, got ${String(threshold)}`, 'dataUrlThreshold');
  }
  throwIfAborted(options.signal);

  // First pass: find what to upload (and reject cycles) without sending anything.
  const files = new Map<Blob | string, Promise<string> | undefined>();
  collect(input, files, threshold, new Set(), 'input');
  if (files.size === 0) return input;

  const limit = createLimit(concurrency);
  const abort = linkedAbort(options.signal);
  let firstError: { error: unknown } | undefined;
  try {
    for (const key of files.keys()) {
      const uploaded = limit(
        () => upload(ctx, typeof key === 'string' ? dataUrlToBlob(key) : key, { signal: abort.signal }),
        abort.signal,
      );
      uploaded.catch((error: unknown) => {
        firstError ??= { error };
        abort.abort(error);
      });
      files.set(key, uploaded);
    }
    // Wait for every upload to settle so none outlives a failure, then report the first error.
    await Promise.allSettled(files.values());
    throwIfAborted(options.signal);
    if (firstError) throw firstError.error;
    const urls = new Map<Blob | string, string>();
    for (const [key, promise] of files) urls.set(key, await (promise as Promise<string>));
    return replace(input, urls) as T;
  } finally {
    abort.dispose();
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function collect(
  value: unknown,
  files: Map<Blob | string, unknown>,
  threshold: number,
  ancestors: Set<object>,
  path: string,
): void {
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    files.set(value, undefined);
  } else if (typeof value === 'string') {
    if (value.length > threshold && isDataUrl(value)) files.set(value, undefined);
  } else if (Array.isArray(value) || isPlainObject(value)) {
    if (ancestors.has(value)) throw new FalInputError('contains a circular reference', path);
    ancestors.add(value);
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        collect(item, files, threshold, ancestors, `${path}[${index}]`);
      }
    } else {
      for (const [key, item] of Object.entries(value))
        collect(item, files, threshold, ancestors, `${path}.${key}`);
    }
    ancestors.delete(value);
  }
}

function replace(value: unknown, urls: Map<Blob | string, string>): unknown {
  if (typeof value === 'string' || (typeof Blob !== 'undefined' && value instanceof Blob)) {
    return urls.get(value) ?? value;
  }
  if (Array.isArray(value)) return value.map((item) => replace(item, urls));
  if (isPlainObject(value)) {
    // fromEntries defines own properties: a "__proto__" key (JSON.parse makes those) stays a key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item, urls)]));
  }
  return value;
}
