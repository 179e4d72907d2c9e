/**
 * One fal request (queue job or direct run) kept by a `FalStore` and shared by every observer that
 * asked for the same thing — TanStack's `Query`. It owns the state (changed only through
 * `#dispatch`), the network work and the job's lifetime. When the last observer leaves it waits one
 * microtask (so React StrictMode's unmount → remount re-attaches), then:
 * - finished (or never started): it stays in the store for `gcTime`, so a remount shows the result
 *   with no new submit; then the store forgets it (a cancelled request is forgotten at once);
 * - in flight: `cancelOnUnmount` (default) cancels the server job; `false` stops listening, lets the
 *   job run on the server and leaves the store at once (no timers or connections left behind).
 * A request nobody ever observed (a prefetch) runs to the end and is then kept for `gcTime`.
 */
import { abortReason, isAbortError } from '../errors/abortError';
import { TimeoutError } from '../errors/timeoutError';
import type {
  ObservedClient,
  ObservedQueueStatus,
  ObservedRequestLog,
  ObservedResult,
} from './observedClient';
import { LogAccumulator } from '../queue/logAccumulator';
import { isTerminalStatus } from './observerStatus';
import { removePersistedRequestId, writePersistedRequestId } from './persistedRequestIds';
import { UnobservedRelease } from './unobservedRelease';
import {
  initialRequestState,
  type RequestAction,
  type RequestState,
  reduceRequestState,
} from './requestState';

export type RequestKind = 'queue' | 'run';

/** Options that change what is sent, so they are part of the sharing key. */
export interface ObserverRequestConfig {
  /** Ask for log lines with each status. */
  logs?: boolean;
  priority?: 'normal' | 'low';
  hint?: string;
  webhookUrl?: string;
  /** Client-side limit in ms: on expiry the server job is cancelled and the error is `TimeoutError`. */
  timeout?: number;
  /** Server-side limit in seconds until processing starts (`x-fal-request-timeout`). */
  startTimeout?: number;
  /** How queue status is followed; default: the client's default (SSE with polling fallback). */
  mode?: 'polling' | 'streaming';
  headers?: Record<string, string>;
}

export interface RequestEvent<TOutput> {
  previous: RequestState<TOutput>;
  state: RequestState<TOutput>;
  actions: readonly RequestAction<TOutput>[];
  /** The raw status that caused this change (for `onQueueUpdate`). */
  queueStatus?: ObservedQueueStatus;
  /** Log lines first seen in this change (for `onLog`). */
  newLogs?: readonly ObservedRequestLog[];
}

export interface RequestSubscriber<TOutput> {
  onRequestEvent(event: RequestEvent<TOutput>): void;
  /** Read when this subscriber is the last to leave. */
  readonly cancelOnUnmount: boolean;
  /** How many of the newest log lines this subscriber wants kept (`Infinity`: all). */
  readonly maxLogs: number;
  /** How long (ms) this subscriber wants the finished request kept once unobserved. */
  readonly gcTime: number;
}

/** What a request tells the store that keeps it (implemented by `FalStore`). */
export interface FalRequestHost {
  /** State, observers or gc deadline changed (for tooling). */
  requestUpdated(request: FalRequest<unknown>): void;
  /** The request is done with: gc time passed, or it was detached. */
  requestExpired(request: FalRequest<unknown>): void;
}

export interface FalRequestInit {
  /** The store's key (see `requestKey`). */
  key: string;
  kind: RequestKind;
  endpointId: string;
  input: unknown;
  config: ObserverRequestConfig;
  /** Initial gc time (ms); observers may raise it. */
  gcTime: number;
  /** Log lines kept while no observer says otherwise. */
  maxLogs: number;
  host?: FalRequestHost;
  /** Re-attach to this job instead of submitting. */
  resumeRequestId?: string;
  /** `sessionStorage` key under which the running request id is kept. */
  persistKey?: string;
}

const noop = () => {};

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function retryReason(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  return error instanceof Error ? error.message : String(error);
}

export class FalRequest<TOutput = unknown> {
  readonly key: string;
  readonly kind: RequestKind;
  readonly endpointId: string;
  readonly input: unknown;
  /** The request options it was created with (read-only). */
  readonly options: Readonly<ObserverRequestConfig>;
  readonly #client: ObservedClient;
  readonly #init: FalRequestInit;
  #state: RequestState<TOutput> = initialRequestState<TOutput>();
  readonly #subscribers = new Set<RequestSubscriber<TOutput>>();
  readonly #logs: LogAccumulator;
  /** New log lines reported by the client since the last status update. */
  #pendingLogs: ObservedRequestLog[] = [];
  #gcTime: number;
  #gcTimer: ReturnType<typeof setTimeout> | undefined;
  #gcExpiresAt: number | undefined;
  #expired = false;
  #controller: AbortController | undefined;
  #promise: Promise<ObservedResult<TOutput>> | undefined;
  #timeoutTimer: ReturnType<typeof setTimeout> | undefined;
  #cancelRequested = false;
  /** Released in flight with `cancelOnUnmount: false`: the job runs on, nobody listens, nothing is recorded. */
  #detached = false;
  readonly #unobservedRelease = new UnobservedRelease();

  constructor(client: ObservedClient, init: FalRequestInit) {
    this.#client = client;
    this.#init = init;
    this.key = init.key;
    this.kind = init.kind;
    this.endpointId = init.endpointId;
    this.input = init.input;
    this.options = init.config;
    this.#gcTime = init.gcTime;
    this.#logs = new LogAccumulator(init.maxLogs);
  }

  /** The current state: status, request id, data, error, logs, attempts, timestamps. */
  get state(): RequestState<TOutput> {
    return this.#state;
  }

  /** How many observers follow it now. */
  get observerCount(): number {
    return this.#subscribers.size;
  }

  /** How long (ms) it is kept once finished and unobserved: the largest `gcTime` among its observers. */
  get gcTime(): number {
    return this.#gcTime;
  }

  /** When the store will forget it (ms since the epoch; `Infinity`: never), or `undefined` while not scheduled. */
  get gcExpiresAt(): number | undefined {
    return this.#gcExpiresAt;
  }

  /**
   * It can no longer be shared: it left the store (gc, `remove`, `clear`) or was detached (released in
   * flight with `cancelOnUnmount: false`).
   */
  get isExpired(): boolean {
    return this.#expired || this.#detached;
  }

  addSubscriber(subscriber: RequestSubscriber<TOutput>): void {
    if (this.#subscribers.has(subscriber)) return;
    this.#subscribers.add(subscriber);
    this.#gcTime = Math.max(this.#gcTime, subscriber.gcTime);
    this.#clearGc();
    this.#host()?.requestUpdated(this as FalRequest<unknown>);
  }

  removeSubscriber(subscriber: RequestSubscriber<TOutput>): void {
    if (!this.#subscribers.delete(subscriber)) return;
    this.#host()?.requestUpdated(this as FalRequest<unknown>);
    if (this.#subscribers.size > 0) return;
    const cancelOnUnmount = subscriber.cancelOnUnmount;
    this.#unobservedRelease.schedule(
      () => this.#subscribers.size === 0,
      () => this.#release(cancelOnUnmount),
    );
  }

  /** Forget it (called by the store): an unfinished job is cancelled on the server, no timer is left. */
  expire(): void {
    if (this.#expired) return;
    this.#expired = true;
    this.#clearGc();
    if (!isTerminalStatus(this.#state.status) && this.#state.status !== 'idle' && !this.#detached)
      void this.cancel();
  }

  /**
   * Start the work once; later calls return the same promise. The promise rejects on error or
   * cancellation but is already handled, so ignoring it never causes an unhandled rejection.
   */
  start(): Promise<ObservedResult<TOutput>> {
    if (this.#promise) return this.#promise;
    const controller = new AbortController();
    this.#controller = controller;
    const timeout = this.#init.config.timeout;
    if (timeout !== undefined && timeout > 0) {
      this.#timeoutTimer = setTimeout(() => this.#onTimeout(timeout), timeout);
    }
    const work =
      this.kind === 'queue' ? this.#runQueue(controller.signal) : this.#runDirect(controller.signal);
    this.#promise = work.then(
      (result) => {
        this.#settle({ type: 'success', data: result.data, requestId: result.requestId, at: Date.now() });
        return result;
      },
      (error: unknown) => {
        if (this.#detached) throw toError(error);
        const failure = this.#failure ?? toError(error);
        if (this.#cancelRequested || (isAbortError(error) && !this.#failure)) {
          this.#settle({ type: 'cancelled', at: Date.now() });
        } else {
          this.#settle({ type: 'error', error: failure, at: Date.now() });
        }
        throw failure;
      },
    );
    this.#promise.catch(noop);
    return this.#promise;
  }

  /** Cancel the job on the server (best effort) and end in `cancelled`. Resolves when fal answered. */
  async cancel(): Promise<void> {
    if (isTerminalStatus(this.#state.status) || this.#cancelRequested) return;
    this.#cancelRequested = true;
    const requestId = this.#state.requestId;
    this.#settle({ type: 'cancelled', at: Date.now() });
    this.#controller?.abort();
    // Without an id the submit is still in flight; #runQueue cancels the job once it has one.
    if (this.kind === 'queue' && requestId !== undefined) await this.#cancelOnServer(requestId);
  }

  #failure: Error | undefined;

  #onTimeout(timeout: number): void {
    this.#timeoutTimer = undefined;
    if (isTerminalStatus(this.#state.status)) return;
    const requestId = this.#state.requestId;
    this.#failure = new TimeoutError(timeout, requestId);
    this.#settle({ type: 'error', error: this.#failure, at: Date.now() });
    this.#controller?.abort(this.#failure);
    if (this.kind === 'queue' && requestId !== undefined) void this.#cancelOnServer(requestId);
  }

  async #cancelOnServer(requestId: string): Promise<void> {
    try {
      await this.#client.queue.cancel(this.endpointId, { requestId });
    } catch {
      // Already completed or gone: nothing left to cancel.
    }
  }

  #release(cancelOnUnmount: boolean): void {
    if (this.#expired || this.#detached) return;
    if (isTerminalStatus(this.#state.status) || this.#state.status === 'idle') {
      this.#scheduleGc();
      return;
    }
    if (cancelOnUnmount) {
      // Settling as `cancelled` schedules the gc (see #settle).
      void this.cancel();
      return;
    }
    // Keep the job running on the server; stop listening and leave no timers or connections.
    this.#detached = true;
    this.#clearTimeout();
    this.#controller?.abort();
    this.#host()?.requestExpired(this as FalRequest<unknown>);
  }

  #host(): FalRequestHost | undefined {
    return this.#expired ? undefined : this.#init.host;
  }

  #scheduleGc(): void {
    this.#clearGc();
    if (this.#expired || this.#detached || this.#subscribers.size > 0) return;
    const gcTime = this.#gcTime;
    // A cancelled request is never reused (the next mount submits anew): nothing worth keeping.
    if (gcTime <= 0 || this.#state.status === 'cancelled') {
      this.#init.host?.requestExpired(this as FalRequest<unknown>);
      return;
    }
    this.#gcExpiresAt = Date.now() + gcTime;
    if (gcTime !== Number.POSITIVE_INFINITY) {
      this.#gcTimer = setTimeout(() => {
        this.#gcTimer = undefined;
        if (this.#subscribers.size === 0) this.#init.host?.requestExpired(this as FalRequest<unknown>);
      }, gcTime);
      // A kept result must not hold a Node process open.
      (this.#gcTimer as { unref?: () => void }).unref?.();
    }
    this.#host()?.requestUpdated(this as FalRequest<unknown>);
  }

  #clearGc(): void {
    if (this.#gcTimer !== undefined) clearTimeout(this.#gcTimer);
    this.#gcTimer = undefined;
    this.#gcExpiresAt = undefined;
  }

  async #runQueue(signal: AbortSignal): Promise<ObservedResult<TOutput>> {
    const { config, persistKey } = this.#init;
    let requestId = this.#init.resumeRequestId;
    if (requestId === undefined) {
      this.#dispatch([{ type: 'submit', at: Date.now() }]);
      // No abort signal on submit: aborting it could leave a job we know nothing about. A cancel
      // during submit is applied as soon as the id is known.
      const enqueued = await this.#client.queue.submit(this.endpointId, {
        input: this.input,
        priority: config.priority,
        hint: config.hint,
        webhookUrl: config.webhookUrl,
        startTimeout: config.startTimeout,
        headers: config.headers,
        onRetry: this.#onRetry,
      });
      requestId = enqueued.request_id;
      if (this.#cancelRequested) {
        await this.#cancelOnServer(requestId);
        throw abortReason(signal);
      }
      if (persistKey !== undefined) writePersistedRequestId(persistKey, requestId);
      this.#dispatch([{ type: 'enqueued', requestId, queuePosition: enqueued.queue_position }], {
        queueStatus: enqueued,
      });
      if (signal.aborted) throw abortReason(signal);
    } else {
      if (persistKey !== undefined) writePersistedRequestId(persistKey, requestId);
      this.#dispatch([{ type: 'resume', requestId, at: Date.now() }]);
    }
    const id = requestId;
    const completed = await this.#client.queue.subscribeToStatus(this.endpointId, {
      requestId: id,
      logs: config.logs,
      mode: config.mode,
      abortSignal: signal,
      cancelOnAbort: false,
      onRetry: this.#onRetry,
      // The client dedups (one rule, `LogAccumulator`) and reports each new line once; the window
      // is kept here, where the observers' `maxLogs` is known.
      maxLogs: 0,
      onLog: (log) => this.#pendingLogs.push(log),
      onQueueUpdate: (status) => this.#onQueueStatus(status),
    });
    if (completed && typeof completed === 'object') this.#onQueueStatus(completed as ObservedQueueStatus);
    if (signal.aborted) throw abortReason(signal);
    const result = await this.#client.queue.result(this.endpointId, {
      requestId: id,
      abortSignal: signal,
      onRetry: this.#onRetry,
    });
    return { data: result.data as TOutput, requestId: result.requestId || id };
  }

  async #runDirect(signal: AbortSignal): Promise<ObservedResult<TOutput>> {
    const { config } = this.#init;
    const at = Date.now();
    this.#dispatch([
      { type: 'submit', at },
      { type: 'running', at },
    ]);
    const result = await this.#client.run(this.endpointId, {
      input: this.input,
      abortSignal: signal,
      startTimeout: config.startTimeout,
      headers: config.headers,
      onRetry: this.#onRetry,
    });
    return { data: result.data as TOutput, requestId: result.requestId };
  }

  readonly #onRetry = (info: { attempt: number; error?: unknown }): void => {
    if (!isTerminalStatus(this.#state.status))
      this.#dispatch([{ type: 'retry', attempt: info.attempt, reason: retryReason(info.error) }]);
  };

  #onQueueStatus(status: ObservedQueueStatus): void {
    if (isTerminalStatus(this.#state.status)) return;
    const actions: RequestAction<TOutput>[] = [];
    if (status.status === 'IN_QUEUE')
      actions.push({ type: 'queued', queuePosition: status.queue_position ?? 0 });
    else actions.push({ type: 'running', at: Date.now() });
    const newLogs = this.#pendingLogs;
    this.#pendingLogs = [];
    if (newLogs.length > 0) {
      this.#logs.setMaxLogs(this.#maxLogs());
      this.#logs.add(newLogs, this.#logs.total);
      actions.push({ type: 'logs', logs: this.#logs.logs });
    }
    if (status.status === 'COMPLETED') actions.push({ type: 'metrics', metrics: status.metrics });
    this.#dispatch(actions, { queueStatus: status, newLogs });
  }

  /** A shared request keeps as many lines as its most demanding observer asks for. */
  #maxLogs(): number {
    if (this.#subscribers.size === 0) return this.#logs.maxLogs;
    let max = 0;
    for (const subscriber of this.#subscribers) max = Math.max(max, subscriber.maxLogs);
    return max;
  }

  #settle(action: RequestAction<TOutput>): void {
    if (isTerminalStatus(this.#state.status)) return;
    this.#clearTimeout();
    if (this.#init.persistKey !== undefined) removePersistedRequestId(this.#init.persistKey);
    this.#dispatch([action]);
    // Finished while nobody observes it (a prefetch, a cancel on unmount): keep it for gcTime.
    if (this.#subscribers.size === 0) this.#scheduleGc();
  }

  #clearTimeout(): void {
    if (this.#timeoutTimer !== undefined) clearTimeout(this.#timeoutTimer);
    this.#timeoutTimer = undefined;
  }

  #dispatch(
    actions: readonly RequestAction<TOutput>[],
    extra: { queueStatus?: ObservedQueueStatus; newLogs?: readonly ObservedRequestLog[] } = {},
  ): void {
    const previous = this.#state;
    let state = previous;
    for (const action of actions) state = reduceRequestState(state, action);
    this.#state = state;
    const event: RequestEvent<TOutput> = { previous, state, actions, ...extra };
    for (const subscriber of [...this.#subscribers]) subscriber.onRequestEvent(event);
    if (state !== previous) this.#host()?.requestUpdated(this as FalRequest<unknown>);
  }
}
