/**
 * One fal request (queue job or direct run) shared by every observer that asked for the same thing
 * — TanStack's `Query`. It owns the state (changed only through `#dispatch`), the network work and
 * the job's lifetime: when the last observer leaves it waits one microtask (so React StrictMode's
 * unmount → remount re-attaches) and then cancels the server job, or, with `cancelOnUnmount: false`,
 * only stops listening and lets the job run.
 */
import { abortReason, isAbortError } from '../errors/abortError';
import { TimeoutError } from '../errors/timeoutError';
import type {
  ObservedClient,
  ObservedQueueStatus,
  ObservedRequestLog,
  ObservedResult,
} from './observedClient';
import { isTerminalStatus } from './observerStatus';
import { removePersistedRequestId, writePersistedRequestId } from './persistedRequestIds';
import { UnobservedRelease } from './unobservedRelease';
import {
  DEFAULT_MAX_LOGS,
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
}

export interface FalRequestInit {
  kind: RequestKind;
  endpointId: string;
  input: unknown;
  config: ObserverRequestConfig;
  /** Re-attach to this job instead of submitting. */
  resumeRequestId?: string;
  /** `sessionStorage` key under which the running request id is kept. */
  persistKey?: string;
  /** Called once when the request is released (the cache forgets it). */
  onRelease?: () => void;
}

const noop = () => {};

function logKey(log: ObservedRequestLog): string {
  return `${log.timestamp}\u0000${log.level}\u0000${log.message}`;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export class FalRequest<TOutput = unknown> {
  readonly kind: RequestKind;
  readonly endpointId: string;
  readonly input: unknown;
  readonly #client: ObservedClient;
  readonly #init: FalRequestInit;
  #state: RequestState<TOutput> = initialRequestState<TOutput>();
  readonly #subscribers = new Set<RequestSubscriber<TOutput>>();
  readonly #seenLogs = new Set<string>();
  #controller: AbortController | undefined;
  #promise: Promise<ObservedResult<TOutput>> | undefined;
  #timeoutTimer: ReturnType<typeof setTimeout> | undefined;
  #cancelRequested = false;
  /** Released with `cancelOnUnmount: false`: the job runs on, nobody listens, nothing is recorded. */
  #detached = false;
  #released = false;
  readonly #unobservedRelease = new UnobservedRelease();

  constructor(client: ObservedClient, init: FalRequestInit) {
    this.#client = client;
    this.#init = init;
    this.kind = init.kind;
    this.endpointId = init.endpointId;
    this.input = init.input;
  }

  get state(): RequestState<TOutput> {
    return this.#state;
  }

  get released(): boolean {
    return this.#released;
  }

  addSubscriber(subscriber: RequestSubscriber<TOutput>): void {
    this.#subscribers.add(subscriber);
  }

  removeSubscriber(subscriber: RequestSubscriber<TOutput>): void {
    if (!this.#subscribers.delete(subscriber) || this.#subscribers.size > 0) return;
    const cancelOnUnmount = subscriber.cancelOnUnmount;
    this.#unobservedRelease.schedule(
      () => this.#subscribers.size === 0,
      () => this.#release(cancelOnUnmount),
    );
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
    if (this.#released) return;
    this.#released = true;
    this.#init.onRelease?.();
    if (isTerminalStatus(this.#state.status) || this.#state.status === 'idle') return;
    if (cancelOnUnmount) {
      void this.cancel();
      return;
    }
    // Keep the job running on the server; stop listening and leave no timers or connections.
    this.#detached = true;
    this.#clearTimeout();
    this.#controller?.abort();
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
    this.#dispatch([{ type: 'submit', at: Date.now() }, { type: 'running' }]);
    const result = await this.#client.run(this.endpointId, {
      input: this.input,
      abortSignal: signal,
      startTimeout: config.startTimeout,
      headers: config.headers,
      onRetry: this.#onRetry,
    });
    return { data: result.data as TOutput, requestId: result.requestId };
  }

  readonly #onRetry = (info: { attempt: number }): void => {
    if (!isTerminalStatus(this.#state.status)) this.#dispatch([{ type: 'retry', attempt: info.attempt }]);
  };

  #onQueueStatus(status: ObservedQueueStatus): void {
    if (isTerminalStatus(this.#state.status)) return;
    const actions: RequestAction<TOutput>[] = [];
    if (status.status === 'IN_QUEUE') actions.push({ type: 'queued', queuePosition: status.queue_position });
    else actions.push({ type: 'running' });
    const newLogs: ObservedRequestLog[] = [];
    for (const log of status.status === 'IN_QUEUE' ? [] : (status.logs ?? [])) {
      const key = logKey(log);
      if (this.#seenLogs.has(key)) continue;
      this.#seenLogs.add(key);
      newLogs.push(log);
    }
    if (newLogs.length > 0) actions.push({ type: 'logs', logs: newLogs, maxLogs: this.#maxLogs() });
    if (status.status === 'COMPLETED') actions.push({ type: 'metrics', metrics: status.metrics });
    this.#dispatch(actions, { queueStatus: status, newLogs });
  }

  /** A shared request keeps as many lines as its most demanding observer asks for. */
  #maxLogs(): number {
    let max = this.#subscribers.size === 0 ? DEFAULT_MAX_LOGS : 0;
    for (const subscriber of this.#subscribers) max = Math.max(max, subscriber.maxLogs);
    return max;
  }

  #settle(action: RequestAction<TOutput>): void {
    if (isTerminalStatus(this.#state.status)) return;
    this.#clearTimeout();
    if (this.#init.persistKey !== undefined) removePersistedRequestId(this.#init.persistKey);
    this.#dispatch([action]);
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
  }
}
