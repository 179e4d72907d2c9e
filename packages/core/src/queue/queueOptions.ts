import type { StreamingConnectionMode } from '../stream/streamOptions';
import type { QueueStatus, RequestLog } from '../types/queueStatus';
import type { RetryAttempt, RunOptions } from '../types/options';
import type { Priority } from '../validation/assertOptions';

/** Options of `queue.submit` (same names as `@fal-ai/client`). */
export interface SubmitOptions<Input> extends RunOptions<Input> {
  /** fal POSTs the result here when the request finishes (`?fal_webhook=`). */
  readonly webhookUrl?: string;
  /** `x-fal-queue-priority`, default `normal`. */
  readonly priority?: Priority;
  /** `x-fal-runner-hint`. */
  readonly hint?: string;
  /**
   * falkit: when `abortSignal` aborts while the POST is in flight, let it finish and cancel the job it
   * created (default true). `false` aborts the POST itself, as the official client does.
   */
  readonly cancelOnAbort?: boolean;
}

export interface BaseQueueOptions {
  readonly requestId: string;
  readonly abortSignal?: AbortSignal;
  /** falkit: called before each retry. */
  readonly onRetry?: (info: RetryAttempt) => void;
}

export interface QueueStatusOptions extends BaseQueueOptions {
  /** Include the request's logs. */
  readonly logs?: boolean;
}

export interface QueueStatusStreamOptions extends QueueStatusOptions {
  /**
   * `'server'` (default): through the client's transport. `'client'`: straight to fal with a
   * short-lived token in `fal_jwt_token` instead of `Authorization` (docs/protocol.md §4.3).
   */
  readonly connectionMode?: StreamingConnectionMode;
}

/** How status updates are received. */
export interface QueueModeOptions {
  /**
   * `streaming` (falkit's default): server-sent status events, reconnecting on drops and falling back
   * to polling when streaming is unavailable. `polling`: only poll.
   */
  readonly mode?: 'polling' | 'streaming';
  /** Fixed poll interval in ms; by default polling adapts (starts at 50 ms, backs off to 1.5 s). */
  readonly pollInterval?: number;
  /** How the status stream connects (`mode: 'streaming'`): see `QueueStatusStreamOptions.connectionMode`. */
  readonly connectionMode?: StreamingConnectionMode;
}

export interface QueueWaitOptions extends QueueModeOptions {
  /**
   * Called with every status update; `logs` holds the newest `maxLogs` lines so far, each line once
   * (a line is identified by its position in the job's log, so repeated text is kept).
   */
  readonly onQueueUpdate?: (status: QueueStatus) => void;
  /** Include logs in the status updates. */
  readonly logs?: boolean;
  /** How many of the newest log lines an update's `logs` keeps: default 1,000; `Infinity` keeps all. */
  readonly maxLogs?: number;
  /** Each new log line exactly once, in order (every line, whatever `maxLogs`). */
  readonly onLog?: (log: RequestLog) => void;
  /** Client-side timeout in ms (> 1000): rejects with `TimeoutError` and cancels the job. */
  readonly timeout?: number;
  /** falkit: cancel the server job when `abortSignal` aborts (default true). */
  readonly cancelOnAbort?: boolean;
}

export interface QueueStatusSubscriptionOptions extends QueueWaitOptions, BaseQueueOptions {}

/** Options of `subscribe`: submit options plus how to wait. */
export interface QueueSubscribeOptions extends QueueWaitOptions {
  /** Called with the request id as soon as the request is queued. */
  readonly onEnqueue?: (requestId: string) => void;
  readonly webhookUrl?: string;
  readonly priority?: Priority;
  readonly hint?: string;
  readonly startTimeout?: number;
  readonly headers?: Record<string, string>;
}

export type SubscribeOptions<Input> = RunOptions<Input> & QueueSubscribeOptions;
