/**
 * The part of a fal client the observers use: the drop-in `@fal-ai/client` surface (`run`,
 * `queue.*`, `stream`, `storage.upload`). Structural, so any `FalClient` fits, and tests can hand
 * in a client pointed at the emulator.
 */
import type { UploadProgress } from '../storage/uploadProgress';
import type { InQueueQueueStatus, Metrics, QueueStatus, RequestLog } from '../types/queueStatus';

export type ObservedRequestLog = RequestLog;
export type ObservedMetrics = Metrics;
export type ObservedQueueStatus = QueueStatus;

export interface ObservedResult<TOutput> {
  data: TOutput;
  requestId: string;
}

export interface ObservedRetryInfo {
  attempt: number;
  delayMs: number;
  error: unknown;
}

/** Inputs are user data the client validates; typed loosely so any client's input type fits. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyInput = any;

export interface ObservedQueueSubmitOptions {
  input?: AnyInput;
  priority?: 'normal' | 'low';
  hint?: string;
  webhookUrl?: string;
  startTimeout?: number;
  headers?: Record<string, string>;
  abortSignal?: AbortSignal;
  onRetry?: (info: ObservedRetryInfo) => void;
}

export interface ObservedStatusOptions {
  requestId: string;
  logs?: boolean;
  mode?: 'polling' | 'streaming';
  timeout?: number;
  onQueueUpdate?: (status: ObservedQueueStatus) => void;
  abortSignal?: AbortSignal;
  /** falkit: the observers cancel jobs themselves, so aborting must not. */
  cancelOnAbort?: boolean;
  onRetry?: (info: ObservedRetryInfo) => void;
  /** falkit: how many log lines each update carries (the observers keep their own window: 0). */
  maxLogs?: number;
  /** falkit: each new log line once, in order (the one dedup rule, `LogAccumulator`). */
  onLog?: (log: ObservedRequestLog) => void;
}

export interface ObservedStream<TOutput> extends AsyncIterable<TOutput> {
  readonly requestId: string;
  abort(reason?: unknown): void;
  done(): Promise<TOutput>;
}

export interface ObservedClient {
  run(
    endpointId: string,
    options: {
      input?: AnyInput;
      abortSignal?: AbortSignal;
      startTimeout?: number;
      headers?: Record<string, string>;
      onRetry?: (info: ObservedRetryInfo) => void;
    },
  ): Promise<ObservedResult<unknown>>;
  queue: {
    submit(endpointId: string, options: ObservedQueueSubmitOptions): Promise<InQueueQueueStatus>;
    subscribeToStatus(endpointId: string, options: ObservedStatusOptions): Promise<unknown>;
    result(
      endpointId: string,
      options: { requestId: string; abortSignal?: AbortSignal; onRetry?: (info: ObservedRetryInfo) => void },
    ): Promise<ObservedResult<unknown>>;
    cancel(endpointId: string, options: { requestId: string }): Promise<unknown>;
  };
  stream(
    endpointId: string,
    options: { input?: AnyInput; signal?: AbortSignal },
  ): Promise<ObservedStream<unknown>>;
  storage: {
    upload(
      file: Blob,
      options?: {
        onProgress?: (progress: UploadProgress) => void;
        onStart?: () => void;
        signal?: AbortSignal;
      },
    ): Promise<string>;
  };
}
