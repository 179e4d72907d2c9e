/**
 * Observer of file uploads to fal storage: validation, per-file and total progress (bytes and
 * fraction) published at the chosen granularity, `cancel()` that aborts every transfer. Transfers go
 * through the client's upload queue, so every observer of a client shares its one limit.
 */
import { isAbortError } from '../errors/abortError';
import type { UploadProgress } from '../storage/uploadProgress';
import { FalStore } from '../store/falStore';
import { callSafely } from '../util/callSafely';
import type { ObservedClient } from './observedClient';
import { statusFlags, type WithStatusFlags } from './observerStatus';
import { SnapshotObserver, type SnapshotObserverOptions } from './snapshotObserver';
import {
  nameOf,
  type UploadRejection,
  type UploadRejectionCode,
  UploadRejectedError,
  type UploadRules,
  validateFiles,
} from './uploadValidation';

export type UploadStatus = 'idle' | 'uploading' | 'success' | 'error' | 'cancelled';
export type UploadFileStatus = 'pending' | 'uploading' | 'success' | 'error' | 'cancelled';
export type UploadErrorCode = UploadRejectionCode | 'upload-failed';
/** `all`: every progress event; `fine`: each whole percent of the total; `coarse`: each 10 %. */
export type UploadProgressGranularity = 'all' | 'fine' | 'coarse';

export interface UploadProgressState {
  loaded: number;
  total: number;
  fraction: number;
}

export interface UploadFileState extends UploadProgressState {
  file: Blob;
  name: string;
  status: UploadFileStatus;
  url: string | undefined;
  error: Error | undefined;
}

export interface UploadError {
  code: UploadErrorCode;
  message: string;
  file: Blob;
  cause?: unknown;
}

export interface UploadState {
  status: UploadStatus;
  /** Accepted files, in the order given. */
  files: readonly UploadFileState[];
  /** All accepted files together. */
  progress: UploadProgressState;
  /** URLs of the uploaded files, in order (failed files are missing). */
  urls: readonly string[];
  /** Rejections (validation) and failed uploads. */
  errors: readonly UploadError[];
  /** The first failure, for simple error displays. */
  error: Error | undefined;
}

type UploadAction =
  | { type: 'start'; files: readonly Blob[]; rejected: readonly UploadRejection[] }
  | { type: 'rejected'; rejected: readonly UploadRejection[]; error: Error }
  | { type: 'fileStart'; index: number }
  | { type: 'progress'; index: number; loaded: number }
  | { type: 'fileSuccess'; index: number; url: string }
  | { type: 'fileError'; index: number; error: Error }
  | { type: 'finish' }
  | { type: 'cancelled' }
  | { type: 'reset' };

function initialUploadState(): UploadState {
  return {
    status: 'idle',
    files: [],
    progress: { loaded: 0, total: 0, fraction: 0 },
    urls: [],
    errors: [],
    error: undefined,
  };
}

function totalProgress(files: readonly UploadFileState[]): UploadProgressState {
  let loaded = 0;
  let total = 0;
  for (const file of files) {
    loaded += file.loaded;
    total += file.total;
  }
  const done = files.length > 0 && files.every((file) => file.status === 'success');
  return { loaded, total, fraction: total === 0 ? (done ? 1 : 0) : loaded / total };
}

function withFile(state: UploadState, index: number, patch: Partial<UploadFileState>): UploadState {
  const files = state.files.map((file, i) => (i === index ? { ...file, ...patch } : file));
  return { ...state, files, progress: totalProgress(files) };
}

function reduceUploadState(state: UploadState, action: UploadAction): UploadState {
  switch (action.type) {
    case 'start': {
      const files = action.files.map<UploadFileState>((file) => ({
        file,
        name: nameOf(file),
        status: 'pending',
        loaded: 0,
        total: file.size,
        fraction: 0,
        url: undefined,
        error: undefined,
      }));
      const errors = action.rejected.map<UploadError>((r) => ({ ...r }));
      return { ...initialUploadState(), status: 'uploading', files, progress: totalProgress(files), errors };
    }
    case 'rejected':
      return {
        ...initialUploadState(),
        status: 'error',
        errors: action.rejected.map<UploadError>((r) => ({ ...r })),
        error: action.error,
      };
    case 'fileStart':
      return withFile(state, action.index, { status: 'uploading' });
    case 'progress': {
      const file = state.files[action.index];
      if (!file || action.loaded <= file.loaded) return state;
      const loaded = Math.min(action.loaded, file.total);
      return withFile(state, action.index, { loaded, fraction: file.total === 0 ? 0 : loaded / file.total });
    }
    case 'fileSuccess': {
      const file = state.files[action.index]!;
      return withFile(state, action.index, {
        status: 'success',
        url: action.url,
        loaded: file.total,
        fraction: 1,
      });
    }
    case 'fileError': {
      const file = state.files[action.index]!;
      const next = withFile(state, action.index, { status: 'error', error: action.error });
      const error: UploadError = {
        code: 'upload-failed',
        message: action.error.message,
        file: file.file,
        cause: action.error,
      };
      return { ...next, errors: [...next.errors, error], error: next.error ?? action.error };
    }
    case 'finish': {
      const urls = state.files.flatMap((file) => (file.url === undefined ? [] : [file.url]));
      const failed = state.files.some((file) => file.status === 'error');
      return { ...state, status: failed ? 'error' : 'success', urls };
    }
    case 'cancelled': {
      const files = state.files.map((file) =>
        file.status === 'success' ? file : { ...file, status: 'cancelled' as const },
      );
      const urls = files.flatMap((file) => (file.url === undefined ? [] : [file.url]));
      return { ...state, status: 'cancelled', files, urls };
    }
    case 'reset':
      return initialUploadState();
  }
}

export interface UploadObserverOptions extends UploadRules, SnapshotObserverOptions<UploadSnapshot> {
  /**
   * At most this many of this observer's files at once. Without it the client's upload queue
   * (`uploadConcurrency`, default 3, shared by every upload of the client) is the only bound.
   */
  concurrency?: number;
  /** How often progress is published (on top of `throttle`). Default `fine`. */
  progressGranularity?: UploadProgressGranularity;
  onProgress?: (progress: UploadProgressState, files: readonly UploadFileState[]) => void;
  onSuccess?: (urls: readonly string[]) => void;
  onError?: (error: Error) => void;
  /** Files refused by validation (also listed in `errors`). */
  onRejected?: (rejections: readonly UploadRejection[]) => void;
}

export type UploadInput = Blob | readonly Blob[] | ArrayLike<Blob> | Iterable<Blob>;

/** What an upload snapshot can do, whatever its status. */
export interface UploadActions {
  /**
   * Validate and upload; resolves with the URLs when every accepted file uploaded, rejects
   * otherwise (already handled: ignoring the promise is safe). Rejected files are in `errors`.
   */
  upload: (files: UploadInput) => Promise<string[]>;
  /** Abort every transfer; uploaded files keep their URLs. */
  cancel: () => void;
  reset: () => void;
}

/**
 * The upload state in one status: `error` is an `Error` in `error`, `undefined` in `idle` and
 * `success` (a file that failed while others still upload sets it during `uploading`).
 */
type UploadStateIn<S extends UploadStatus> = S extends UploadStatus
  ? Omit<UploadState, 'status' | 'error'> & {
      status: S;
      error: S extends 'error' ? Error : S extends 'idle' | 'success' ? undefined : Error | undefined;
    }
  : never;

/**
 * The upload's state, its status flags and the actions: a union discriminated by `status` and by
 * each flag, so `if (upload.isError) upload.error.message` compiles.
 */
export type UploadSnapshot = WithStatusFlags<UploadStateIn<UploadStatus>> & UploadActions;

const noop = () => {};

function toBlobs(files: UploadInput): Blob[] {
  if (files instanceof Blob) return [files];
  if (typeof (files as Iterable<Blob>)[Symbol.iterator] === 'function') return [...(files as Iterable<Blob>)];
  return Array.from(files as ArrayLike<Blob>);
}

function bucketOf(fraction: number, granularity: UploadProgressGranularity): number {
  if (granularity === 'fine') return Math.floor(fraction * 100);
  if (granularity === 'coarse') return Math.floor(fraction * 10);
  return Number.NaN;
}

export class UploadObserver extends SnapshotObserver<UploadSnapshot> {
  readonly #client: ObservedClient;
  #options: UploadObserverOptions;
  #state: UploadState = initialUploadState();
  #controller: AbortController | undefined;
  #publishedBucket = -1;

  /**
   * `storeOrClient`: the store that lists this upload while it runs (`getAll()`, devtools), or a
   * client (then its default store, `FalStore.for(client)`).
   */
  constructor(storeOrClient: FalStore<ObservedClient> | ObservedClient, options: UploadObserverOptions = {}) {
    super();
    const store = FalStore.from(storeOrClient);
    this.#client = store.client;
    this.#options = options;
    this.configurePublishing(options);
    this.listInStore(store, {
      kind: 'upload',
      endpointId: () => undefined,
      input: () => undefined,
      running: () => this.#state.status === 'uploading',
    });
  }

  setOptions(options: UploadObserverOptions): void {
    this.#options = options;
    this.configurePublishing(options);
  }

  upload = (input: UploadInput): Promise<string[]> => {
    this.#abort();
    const promise = this.#run(toBlobs(input));
    promise.catch(noop);
    return promise;
  };

  cancel = (): void => {
    if (this.#state.status !== 'uploading') return;
    this.#abort();
    this.#dispatch({ type: 'cancelled' });
  };

  reset = (): void => {
    this.#abort();
    this.#dispatch({ type: 'reset' });
  };

  protected override onUnobserved(): void {
    this.cancel();
  }

  protected createSnapshot(): UploadSnapshot {
    return this.#snapshotOf(this.#state);
  }

  protected createIdleSnapshot(): UploadSnapshot {
    return this.#snapshotOf(initialUploadState());
  }

  #snapshotOf(state: UploadState): UploadSnapshot {
    return Object.freeze({
      ...state,
      ...statusFlags(state.status),
      upload: this.upload,
      cancel: this.cancel,
      reset: this.reset,
    }) as UploadSnapshot;
  }

  async #run(files: Blob[]): Promise<string[]> {
    const { accepted, rejected } = validateFiles(files, this.#options);
    if (rejected.length > 0) callSafely(() => this.#options.onRejected?.(rejected));
    if (accepted.length === 0) {
      const error = new UploadRejectedError(rejected);
      this.#dispatch({ type: 'rejected', rejected, error });
      callSafely(() => this.#options.onError?.(error));
      throw error;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#publishedBucket = -1;
    this.#dispatch({ type: 'start', files: accepted, rejected });
    const concurrency = Math.max(1, this.#options.concurrency ?? accepted.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < accepted.length && !controller.signal.aborted) {
        const index = next++;
        await this.#uploadOne(accepted[index]!, index, controller);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, accepted.length) }, worker));
    if (controller.signal.aborted) throw new DOMException('The upload was cancelled.', 'AbortError');
    this.#controller = undefined;
    this.#dispatch({ type: 'finish' });
    const state = this.#state;
    if (state.error) {
      callSafely(() => this.#options.onError?.(state.error!));
      throw state.error;
    }
    const urls = [...state.urls];
    callSafely(() => this.#options.onSuccess?.(urls));
    return urls;
  }

  async #uploadOne(file: Blob, index: number, controller: AbortController): Promise<void> {
    const live = () => this.#controller === controller && !controller.signal.aborted;
    try {
      // The file stays `pending` while it waits for a slot in the client's upload queue.
      const transfer = this.#client.storage.upload(file, {
        signal: controller.signal,
        onStart: () => {
          if (live()) this.#dispatch({ type: 'fileStart', index });
        },
        onProgress: (progress: UploadProgress) => {
          if (live()) this.#dispatch({ type: 'progress', index, loaded: progress.loaded });
        },
      });
      // Settle at once on cancel, even if a transfer is slow to notice its signal.
      const url = await untilAborted(transfer, controller.signal);
      if (live()) this.#dispatch({ type: 'fileSuccess', index, url });
    } catch (error) {
      if (!live() || isAbortError(error)) return;
      this.#dispatch({
        type: 'fileError',
        index,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }

  #abort(): void {
    const controller = this.#controller;
    this.#controller = undefined;
    controller?.abort();
  }

  #dispatch(action: UploadAction): void {
    const previous = this.#state;
    this.#state = reduceUploadState(previous, action);
    if (
      previous.status !== this.#state.status ||
      action.type === 'fileSuccess' ||
      action.type === 'fileError'
    ) {
      this.publish();
      return;
    }
    if (action.type !== 'progress' || this.#state === previous) {
      this.publishThrottled();
      return;
    }
    const granularity = this.#options.progressGranularity ?? 'fine';
    const bucket = bucketOf(this.#state.progress.fraction, granularity);
    callSafely(() => this.#options.onProgress?.(this.#state.progress, this.#state.files));
    if (granularity !== 'all' && bucket === this.#publishedBucket) return;
    this.#publishedBucket = bucket;
    this.publishThrottled();
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(noop);
  if (signal.aborted) return Promise.reject(new DOMException('The upload was cancelled.', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
