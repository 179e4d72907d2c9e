/**
 * Follows one fal request on behalf of one consumer (a component, a store) — the common part of
 * `SubscribeObserver` (queue) and `RunObserver` (direct call).
 *
 * With `input` it behaves like a query: it starts when the first listener subscribes (and
 * `enabled` is not false), switches request when the endpoint, input or request options change,
 * and shares the request with every observer asking for the same thing. Without `input` it
 * behaves like a mutation: nothing happens until `submit(input)`.
 */
import { FalInputError } from '../errors/falInputError';
import {
  FalRequest,
  type ObserverRequestConfig,
  type RequestEvent,
  type RequestKind,
  type RequestSubscriber,
} from './falRequest';
import type {
  ObservedClient,
  ObservedQueueStatus,
  ObservedRequestLog,
  ObservedResult,
} from './observedClient';
import { isTerminalStatus, type StatusFlags, statusFlags } from './observerStatus';
import { readPersistedRequestId } from './persistedRequestIds';
import { RequestCache } from './requestCache';
import { DEFAULT_MAX_LOGS, initialRequestState, type RequestState } from './requestState';
import { SnapshotObserver, type SnapshotObserverOptions } from './snapshotObserver';
import { stableHash } from './stableHash';

export interface RequestCallbacks<TOutput> {
  /** The job got its request id (queue only). */
  onEnqueue?: (requestId: string) => void;
  /** Every queue status received (queue only). */
  onQueueUpdate?: (status: ObservedQueueStatus) => void;
  /** Each new log line, once (queue only, with `logs: true`). */
  onLog?: (log: ObservedRequestLog) => void;
  onSuccess?: (data: TOutput, result: ObservedResult<TOutput>) => void;
  onError?: (error: Error) => void;
}

export interface RequestObserverOptions<TInput, TOutput>
  extends ObserverRequestConfig,
    RequestCallbacks<TOutput>,
    SnapshotObserverOptions<RequestSnapshot<TInput, TOutput>> {
  endpointId: string;
  /** Present: query mode (runs by itself). Absent: mutation mode (`submit(input)`). */
  input?: TInput;
  /** Query mode only; `false` keeps the observer idle. Default `true`. */
  enabled?: boolean;
  /** Cancel the server job when the last observer of it detaches. Default `true`. */
  cancelOnUnmount?: boolean;
  /**
   * How many of the newest log lines the snapshot's `logs` keeps (older ones are dropped so a long,
   * chatty job does not grow without bound); `onLog` still gets every line. Default 1,000;
   * `Infinity` keeps all. Not part of the sharing key: a request shared by several observers keeps
   * the largest `maxLogs` among them.
   */
  maxLogs?: number;
  /** Re-attach to a job submitted earlier (e.g. before a reload) instead of submitting. */
  requestId?: string;
  /**
   * Keep the running request id in `sessionStorage` and re-attach to it on the next mount.
   * `true` derives the key from endpoint and input; a string is used as the key.
   */
  persist?: boolean | string;
}

/** The request's state (see `RequestState`), its status flags and the actions. */
export interface RequestSnapshot<TInput, TOutput> extends RequestState<TOutput>, StatusFlags {
  /**
   * Run with `input` now (a new request; a running one this observer follows is released).
   * Resolves with `{ data, requestId }`; rejects on error or cancellation, but the rejection is
   * already handled, so `void submit(x)` never causes an unhandled rejection. The outcome is in
   * the snapshot either way.
   */
  submit: (input: TInput) => Promise<ObservedResult<TOutput>>;
  /** Cancel the job on the server (best effort) and end in `cancelled`. */
  cancel: () => Promise<void>;
  /** Back to `idle`; a query-mode observer stays idle until its input changes. */
  reset: () => void;
}

interface Target {
  key: string;
  input: unknown;
  resumeRequestId?: string;
  persistKey?: string;
}

export class RequestObserver<TInput, TOutput>
  extends SnapshotObserver<RequestSnapshot<TInput, TOutput>>
  implements RequestSubscriber<TOutput>
{
  readonly #client: ObservedClient;
  readonly #kind: RequestKind;
  #options: RequestObserverOptions<TInput, TOutput>;
  #request: FalRequest<TOutput> | undefined;
  /** Hash of what the options ask for; a change means a new request. */
  #intent: string | undefined;
  /** After `reset()`, stay idle until the options ask for something else. */
  #isReset = false;
  /** The last optimistic snapshot, reused while the same options are still waiting to be applied. */
  #optimistic: { intent: string; snapshot: RequestSnapshot<TInput, TOutput> } | undefined;

  constructor(client: ObservedClient, kind: RequestKind, options: RequestObserverOptions<TInput, TOutput>) {
    super();
    this.#client = client;
    this.#kind = kind;
    this.#options = validMaxLogs(options);
    this.configurePublishing(options);
  }

  get options(): Readonly<RequestObserverOptions<TInput, TOutput>> {
    return this.#options;
  }

  get cancelOnUnmount(): boolean {
    return this.#options.cancelOnUnmount ?? true;
  }

  get maxLogs(): number {
    return this.#options.maxLogs ?? DEFAULT_MAX_LOGS;
  }

  setOptions(options: RequestObserverOptions<TInput, TOutput>): void {
    this.#options = validMaxLogs(options);
    this.configurePublishing(options);
    if (this.hasListeners()) this.#sync();
  }

  /**
   * What a render passing `options` should show while they are not applied yet (a hook applies
   * them in an effect, after the render), or `undefined` when the published snapshot already
   * matches them — TanStack's `getOptimisticResult`. Without it the render right after an input
   * change shows the previous input's `success` and `data` next to the new input.
   */
  getOptimisticSnapshot(
    options: RequestObserverOptions<TInput, TOutput>,
  ): RequestSnapshot<TInput, TOutput> | undefined {
    // Before the first sync (first render, server rendering) nothing stale can show.
    if (this.#intent === undefined) return undefined;
    const intent = this.#intentKey(options);
    if (intent === this.#intent) return undefined;
    if (this.#optimistic?.intent === intent) return this.#optimistic.snapshot;
    const target = this.#desiredTarget(options);
    const shared = target && RequestCache.for(this.#client).get<TOutput>(target.key);
    let state = initialRequestState<TOutput>();
    if (shared && !shared.released) state = shared.state;
    else if (target) {
      // What the request will report once started: a direct call or a resume is in progress at once.
      const started = this.#kind === 'run' || target.resumeRequestId !== undefined;
      state = { ...state, status: started ? 'in_progress' : 'submitting' };
    }
    const snapshot = this.#snapshotOf(state);
    this.#optimistic = { intent, snapshot };
    return snapshot;
  }

  submit = (input: TInput): Promise<ObservedResult<TOutput>> => {
    const request = new FalRequest<TOutput>(this.#client, {
      kind: this.#kind,
      endpointId: this.#options.endpointId,
      input,
      config: this.#options,
      // Stored under the key a later mount looks up: in mutation mode that key has no input.
      persistKey: this.#persistKey(this.#options, this.#options.input === undefined ? undefined : input),
    });
    this.#isReset = false;
    this.#switchTo(request);
    return request.start();
  };

  cancel = (): Promise<void> => this.#request?.cancel() ?? Promise.resolve();

  reset = (): void => {
    this.#isReset = true;
    this.#switchTo(undefined);
  };

  onRequestEvent(event: RequestEvent<TOutput>): void {
    this.#runCallbacks(event);
    if (event.previous.status !== event.state.status) this.publish();
    else this.publishThrottled();
  }

  protected override onSubscribe(): void {
    this.#sync();
    super.onSubscribe();
  }

  // The shared request owns the StrictMode grace and the cancel-on-unmount decision.
  protected override onUnsubscribe(): void {
    this.cancelPendingPublish();
    this.#request?.removeSubscriber(this);
  }

  protected createSnapshot(): RequestSnapshot<TInput, TOutput> {
    return this.#snapshotOf(this.#request?.state ?? initialRequestState<TOutput>());
  }

  protected createIdleSnapshot(): RequestSnapshot<TInput, TOutput> {
    return this.#snapshotOf(initialRequestState<TOutput>());
  }

  #snapshotOf(state: RequestState<TOutput>): RequestSnapshot<TInput, TOutput> {
    return Object.freeze({
      ...state,
      ...statusFlags(state.status),
      submit: this.submit,
      cancel: this.cancel,
      reset: this.reset,
    });
  }

  /** Make the followed request match the options (called while subscribed). */
  #sync(): void {
    const intent = this.#intentKey();
    if (intent !== this.#intent) {
      // A new endpoint / input / request id: whatever was followed before no longer applies.
      this.#intent = intent;
      this.#optimistic = undefined;
      this.#isReset = false;
      if (this.#request) this.#switchTo(undefined);
    }
    const current = this.#request;
    if (current && !(current.released && !isTerminalStatus(current.state.status))) {
      current.addSubscriber(this);
      return;
    }
    if (this.#isReset) return;
    const target = this.#desiredTarget();
    if (target === undefined) {
      if (current) this.#switchTo(undefined);
      return;
    }
    const cache = RequestCache.for(this.#client);
    let request = cache.get<TOutput>(target.key);
    if (request === undefined || request.released) {
      const created: FalRequest<TOutput> = new FalRequest<TOutput>(this.#client, {
        kind: this.#kind,
        endpointId: this.#options.endpointId,
        input: target.input,
        config: this.#options,
        resumeRequestId: target.resumeRequestId,
        persistKey: target.persistKey,
        onRelease: () => cache.delete(target.key, created as FalRequest<unknown>),
      });
      cache.set(target.key, created as FalRequest<unknown>);
      request = created;
    }
    this.#switchTo(request);
    if (request.state.status === 'idle') void request.start();
  }

  #intentKey(options: RequestObserverOptions<TInput, TOutput> = this.#options): string {
    const { endpointId, input, enabled, requestId, persist } = options;
    return RequestCache.key(this.#kind, endpointId, [input, enabled !== false, requestId, persist], options);
  }

  #switchTo(request: FalRequest<TOutput> | undefined): void {
    const previous = this.#request;
    this.#request = request;
    if (previous && previous !== request) previous.removeSubscriber(this);
    if (request && this.hasListeners()) request.addSubscriber(this);
    this.publish();
  }

  /** What the options ask for, or undefined for "nothing" (mutation mode, disabled). */
  #desiredTarget(options: RequestObserverOptions<TInput, TOutput> = this.#options): Target | undefined {
    const { endpointId } = options;
    if (options.requestId !== undefined) {
      return {
        key: stableHash(['resume', this.#kind, endpointId, options.requestId]),
        input: undefined,
        resumeRequestId: options.requestId,
      };
    }
    const queryMode = options.input !== undefined && options.enabled !== false;
    const persistKey = this.#persistKey(options, queryMode ? options.input : undefined);
    const persisted = persistKey === undefined ? undefined : readPersistedRequestId(persistKey);
    if (persisted !== undefined && this.#kind === 'queue') {
      return {
        key: stableHash(['resume', this.#kind, endpointId, persisted]),
        input: options.input,
        resumeRequestId: persisted,
        persistKey,
      };
    }
    if (!queryMode) return undefined;
    return {
      key: RequestCache.key(this.#kind, endpointId, options.input, options),
      input: options.input,
      persistKey,
    };
  }

  #persistKey(options: RequestObserverOptions<TInput, TOutput>, input: unknown): string | undefined {
    const { persist, endpointId } = options;
    if (!persist || this.#kind !== 'queue') return undefined;
    if (typeof persist === 'string') return persist;
    return input === undefined ? endpointId : stableHash([endpointId, input]);
  }

  #runCallbacks(event: RequestEvent<TOutput>): void {
    const options = this.#options;
    const { previous, state } = event;
    for (const action of event.actions) {
      if (action.type === 'enqueued') invoke(options.onEnqueue, action.requestId);
    }
    if (event.queueStatus) invoke(options.onQueueUpdate, event.queueStatus);
    if (event.newLogs && options.onLog) for (const log of event.newLogs) invoke(options.onLog, log);
    if (previous.status !== state.status) {
      if (state.status === 'success') {
        const data = state.data as TOutput;
        invoke2(options.onSuccess, data, { data, requestId: state.requestId ?? '' });
      } else if (state.status === 'error' && state.error) {
        invoke(options.onError, state.error);
      }
    }
  }
}

/** A throwing user callback must not break the observer; report it like an uncaught error. */
function report(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}

function invoke<A>(callback: ((a: A) => void) | undefined, a: A): void {
  if (!callback) return;
  try {
    callback(a);
  } catch (error) {
    report(error);
  }
}

function invoke2<A, B>(callback: ((a: A, b: B) => void) | undefined, a: A, b: B): void {
  if (!callback) return;
  try {
    callback(a, b);
  } catch (error) {
    report(error);
  }
}

function validMaxLogs<T extends { maxLogs?: number }>(options: T): T {
  const { maxLogs } = options;
  if (
    maxLogs !== undefined &&
    !(
      typeof maxLogs === 'number' &&
      maxLogs >= 0 &&
      (Number.isInteger(maxLogs) || maxLogs === Number.POSITIVE_INFINITY)
    )
  )
    throw new FalInputError(`must be a whole number ≥ 0 or Infinity, got ${String(maxLogs)}`, 'maxLogs');
  return options;
}
