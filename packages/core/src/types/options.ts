import type { StorageSettings } from '../storage/objectLifecycle';

/** Attempt info given to a per-call `onRetry`. */
export interface RetryAttempt {
  attempt: number;
  delayMs: number;
  error: unknown;
}

/** Options of `run` (same names as `@fal-ai/client`, plus falkit additions marked below). */
export interface RunOptions<Input> {
  /** The model input; sent as the JSON body (or as query parameters with `method: 'get'`). */
  readonly input?: Input;
  /** HTTP method, default `post`. */
  readonly method?: 'get' | 'post' | 'put' | 'delete' | (string & {});
  readonly abortSignal?: AbortSignal;
  /** Lifecycle of generated objects (`x-fal-object-lifecycle-preference`). */
  readonly storageSettings?: StorageSettings;
  /** Server-side deadline in seconds (> 1) for processing to start (`x-fal-request-timeout`). */
  readonly startTimeout?: number;
  /** falkit: client-side timeout in ms (> 1000); rejects with `TimeoutError`. Defaults to `defaultTimeout`. */
  readonly timeout?: number;
  /** falkit: extra request headers (lower-cased; explicit options win). */
  readonly headers?: Record<string, string>;
  /** falkit: runner hint (`x-fal-runner-hint`). */
  readonly hint?: string;
  /** falkit: sub-path appended to the endpoint URL. */
  readonly path?: string;
  /** falkit: query parameters appended to the endpoint URL. */
  readonly query?: Record<string, string>;
  /** falkit: set `false` to send `Blob`s as they are instead of uploading them first. */
  readonly autoUpload?: boolean;
  /** falkit: called before each retry with the attempt number and delay. */
  readonly onRetry?: (info: RetryAttempt) => void;
}
