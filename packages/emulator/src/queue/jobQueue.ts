import type { Job, StoredResponse } from './job.js';

export interface JobQueueOptions {
  workers: number;
  now: () => number;
  /** Runs the app for a started job and produces the response to store. */
  execute: (job: Job) => Promise<StoredResponse>;
  /** Called once per job when it reaches a final state. */
  onFinished: (job: Job) => void;
}

/** fal keeps results 1 hour, or 6 minutes when they are 10 KB or larger (docs/protocol.md §4.4). */
const RETENTION_MS = 60 * 60 * 1000;
const LARGE_RETENTION_MS = 6 * 60 * 1000;
const LARGE_RESULT_BYTES = 10 * 1024;
/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function errorResponse(
  status: number,
  detail: string,
  errorType: string,
  extra: Record<string, string> = {},
) {
  const payload = { detail, error_type: errorType };
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-fal-error-type': errorType, ...extra },
    body: JSON.stringify(payload),
    payload,
  } satisfies StoredResponse;
}

/** A queue drained by a fixed pool of workers: normal priority first, then low, FIFO within each. */
export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly pending: Job[] = [];
  private readonly running = new Set<Job>();
  private readonly startTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly options: JobQueueOptions;
  /** Set while clearing: jobs cancelled by a reset or close do not fire webhooks. */
  private silent = false;

  constructor(options: JobQueueOptions) {
    this.options = options;
  }

  submit(job: Job): void {
    this.prune();
    this.jobs.set(job.id, job);
    const firstLow =
      job.priority === 'normal' ? this.pending.findIndex((other) => other.priority === 'low') : -1;
    if (firstLow === -1) this.pending.push(job);
    else this.pending.splice(firstLow, 0, job);
    // setTimeout fires at once for delays past 2^31-1 ms (~24.8 days); such a deadline never passes here.
    if (job.startTimeoutSeconds !== undefined && job.startTimeoutSeconds * 1000 <= MAX_TIMER_MS) {
      const timer = setTimeout(() => this.expireStart(job), job.startTimeoutSeconds * 1000);
      this.startTimers.set(job.id, timer);
    }
    // Start on a microtask so the submit response always reports IN_QUEUE, as fal does.
    queueMicrotask(() => this.pump());
  }

  /** 0-based count of jobs ahead of this one, or undefined once it has left the queue. */
  position(job: Job): number | undefined {
    const index = this.pending.indexOf(job);
    return index === -1 ? undefined : index;
  }

  /** Jobs of one app (`[{ns}/]{owner}/{alias}`) still waiting for a worker. */
  waitingCount(queueBase: string): number {
    return this.pending.filter((job) => job.queueBase === queueBase).length;
  }

  get(id: string): Job | undefined {
    const job = this.jobs.get(id);
    if (job && this.expired(job)) {
      this.jobs.delete(id);
      return undefined;
    }
    return job;
  }

  private expired(job: Job): boolean {
    if (job.completedAt === undefined || !job.result) return false;
    const retention = job.result.body.length >= LARGE_RESULT_BYTES ? LARGE_RETENTION_MS : RETENTION_MS;
    return this.options.now() - job.completedAt > retention;
  }

  /** Drops results past their retention so the job map does not grow forever. */
  private prune(): void {
    for (const [id, job] of this.jobs) if (this.expired(job)) this.jobs.delete(id);
  }

  list(): Job[] {
    this.prune();
    return [...this.jobs.values()];
  }

  get runningCount(): number {
    return this.running.size;
  }

  /** Cancels a queued or running job. Returns what happened, in fal's cancel vocabulary. */
  cancel(id: string): 'CANCELLATION_REQUESTED' | 'ALREADY_COMPLETED' | 'NOT_FOUND' {
    const job = this.get(id);
    if (!job) return 'NOT_FOUND';
    if (job.done) return 'ALREADY_COMPLETED';
    const index = this.pending.indexOf(job);
    if (index !== -1) this.pending.splice(index, 1);
    this.running.delete(job);
    job.abortController.abort(new DOMException('Request cancelled by user', 'AbortError'));
    this.finish(job, errorResponse(499, 'Request cancelled by user', 'client_cancelled'), 'CANCELLED');
    if (index !== -1) this.notifyQueued();
    this.pump();
    return 'CANCELLATION_REQUESTED';
  }

  /** Cancels everything and forgets all jobs (emulator reset / close). */
  clear(): void {
    this.silent = true;
    try {
      // Empty the queue first so cancelling one job cannot start the next.
      const jobs = [...this.pending.splice(0), ...this.running];
      for (const job of jobs) this.cancel(job.id);
    } finally {
      this.silent = false;
    }
    for (const timer of this.startTimers.values()) clearTimeout(timer);
    this.startTimers.clear();
    this.jobs.clear();
  }

  private expireStart(job: Job): void {
    this.startTimers.delete(job.id);
    const index = this.pending.indexOf(job);
    if (index === -1) return;
    this.pending.splice(index, 1);
    const response = errorResponse(504, 'Request timed out', 'request_timeout', {
      'x-fal-request-timeout-type': 'user',
    });
    this.finish(job, response, 'COMPLETED');
    this.notifyQueued();
  }

  private pump(): void {
    let moved = false;
    while (this.running.size < this.options.workers && this.pending.length > 0) {
      const job = this.pending.shift()!;
      moved = true;
      this.start(job);
    }
    if (moved) this.notifyQueued();
  }

  /** Queue positions changed: let every waiting job's watchers know. */
  private notifyQueued(): void {
    for (const job of this.pending) job.notify();
  }

  private start(job: Job): void {
    this.clearStartTimer(job);
    this.running.add(job);
    job.status = 'IN_PROGRESS';
    job.startedAt = this.options.now();
    job.notify();
    this.options.execute(job).then(
      (response) => this.complete(job, response),
      (error: unknown) =>
        this.complete(
          job,
          errorResponse(500, error instanceof Error ? error.message : String(error), 'internal_error'),
        ),
    );
  }

  private complete(job: Job, response: StoredResponse): void {
    // A cancelled job already has its final state; whatever the handler produced afterwards is dropped.
    if (job.done) return;
    this.running.delete(job);
    this.finish(job, response, 'COMPLETED');
    this.pump();
  }

  private clearStartTimer(job: Job): void {
    const timer = this.startTimers.get(job.id);
    if (timer) clearTimeout(timer);
    this.startTimers.delete(job.id);
  }

  private finish(job: Job, response: StoredResponse, status: 'COMPLETED' | 'CANCELLED'): void {
    // A job cancelled while queued must not keep its start-timeout timer (and the process) alive.
    this.clearStartTimer(job);
    job.result = response;
    job.status = status;
    job.completedAt = this.options.now();
    // Only platform errors (timeouts, cancellation, crashes) show on the status object; a model's own
    // error (e.g. a 422) is carried by the result alone.
    const payload = response.payload as { detail?: unknown; error_type?: unknown } | undefined;
    if (response.status >= 400 && typeof payload?.error_type === 'string') {
      const detail = payload.detail;
      job.error = {
        message: typeof detail === 'string' ? detail : `Invalid status code: ${response.status}`,
        type: payload.error_type,
      };
    }
    job.notify();
    if (!this.silent) this.options.onFinished(job);
  }
}
