/**
 * The part of a fal client the observers use: the drop-in `@fal-ai/client` surface (`run`,
 * `queue.*`, `stream`, `storage.upload`). Structural, so any `FalClient` fits, and tests can hand
 * in a client pointed at the emulator.
 */
import type { UploadProgress } from '../storage/uploadProgress';

export interface ObservedRequestLog {
  message: string;
  level: string;
  source?: string;
  timestamp: string;
}

export interface ObservedMetrics {
  inference_time?: number | null;
  [key: string]: unknown;
}

export interface ObservedQueueStatus {
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  request_id?: string;
  queue_position?: number;
  logs?: readonly ObservedRequestLog[] | null;
  metrics?: ObservedMetrics;
  error?: string;
  error_type?: string;
}

export interface ObservedResult<TOutput> {
  data: TOutput;
  requestId: string;
}

export interface ObservedRetryInfo {
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface ObservedQueueSubmitOptions {
  input?: unknown;
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
      input?: unknown;
      abortSignal?: AbortSignal;
      startTimeout?: number;
      headers?: Record<string, string>;
      onRetry?: (info: ObservedRetryInfo) => void;
    },
  ): Promise<ObservedResult<unknown>>;
  queue: {
    submit(
      endpointId: string,
      options: ObservedQueueSubmitOptions,
    ): Promise<{ request_id: string; queue_position?: number }>;
    subscribeToStatus(endpointId: string, options: ObservedStatusOptions): Promise<unknown>;
    result(
      endpointId: string,
      options: { requestId: string; abortSignal?: AbortSignal; onRetry?: (info: ObservedRetryInfo) => void },
    ): Promise<ObservedResult<unknown>>;
    cancel(endpointId: string, options: { requestId: string }): Promise<unknown>;
  };
  stream(
    endpointId: string,
    options: { input?: unknown; signal?: AbortSignal },
  ): Promise<ObservedStream<unknown>>;
  storage: {
    upload(
      file: Blob,
      options?: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal },
    ): Promise<string>;
  };
}
