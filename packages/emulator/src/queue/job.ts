import type { AppMatch } from '../apps/appRegistry.js';
import type { LogLevel } from '../apps/appTypes.js';

/** `CANCELLED` is emulator-only bookkeeping; over the wire a cancelled job reads as `COMPLETED` with an error. */
export type JobStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
export type JobMode = 'queue' | 'run' | 'stream';
export type QueuePriority = 'normal' | 'low';

export interface LogEntry {
  message: string;
  level: LogLevel;
  source: 'USER';
  timestamp: string;
}

/** The response a finished job replays from its result URL. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text of the body. */
  body: string;
  /** The parsed body (the model output on success). */
  payload: unknown;
}

export interface JobInit {
  id: string;
  endpointId: string;
  queueBase: string;
  /** The app that serves it, with the id segments after the app id. */
  app: AppMatch;
  mode: JobMode;
  input: unknown;
  priority: QueuePriority;
  hint?: string;
  webhookUrl?: string;
  startTimeoutSeconds?: number;
  lifecycleSeconds?: number;
  request: Request;
  origin: string;
  submittedAt: number;
}

/** One request's life in the emulator, from submit to result. */
export class Job {
  readonly id: string;
  readonly endpointId: string;
  readonly queueBase: string;
  readonly appId: string;
  readonly app: AppMatch;
  readonly mode: JobMode;
  readonly input: unknown;
  readonly priority: QueuePriority;
  readonly hint: string | undefined;
  readonly webhookUrl: string | undefined;
  readonly startTimeoutSeconds: number | undefined;
  readonly lifecycleSeconds: number | undefined;
  readonly request: Request;
  readonly origin: string;
  readonly submittedAt: number;
  readonly abortController = new AbortController();

  status: JobStatus = 'IN_QUEUE';
  startedAt: number | undefined;
  completedAt: number | undefined;
  result: StoredResponse | undefined;
  /** Set for failed, timed-out and cancelled jobs; shown on the status object. */
  error: { message: string; type: string } | undefined;
  readonly logs: LogEntry[] = [];
  /** Events a streaming handler yielded so far. */
  readonly events: unknown[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(init: JobInit) {
    this.id = init.id;
    this.endpointId = init.endpointId;
    this.queueBase = init.queueBase;
    this.app = init.app;
    this.appId = init.app.appId;
    this.mode = init.mode;
    this.input = init.input;
    this.priority = init.priority;
    this.hint = init.hint;
    this.webhookUrl = init.webhookUrl;
    this.startTimeoutSeconds = init.startTimeoutSeconds;
    this.lifecycleSeconds = init.lifecycleSeconds;
    this.request = init.request;
    this.origin = init.origin;
    this.submittedAt = init.submittedAt;
  }

  get done(): boolean {
    return this.status === 'COMPLETED' || this.status === 'CANCELLED';
  }

  /** Subscribes to every change (status, log line, stream event); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves once the job is finished (completed, failed, timed out or cancelled). */
  finished(): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribe = this.subscribe(() => {
        if (this.done) {
          unsubscribe();
          resolve();
        }
      });
    });
  }
}
