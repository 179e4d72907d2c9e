/**
 * Follows one fal request of a `FalStore` on behalf of one consumer (a component, a script) — the
 * common part of `SubscribeObserver` (queue) and `RunObserver` (direct call).
 *
 * With `input` it behaves like a query: it starts when the first listener subscribes (and
 * `enabled` is not false), switches request when the endpoint, input or request options change,
 * and shares the request with every observer asking for the same thing; a finished request is
 * kept by the store for `gcTime`, so a remount shows it without a new submit. Without `input` it
 * behaves like a mutation: nothing happens until `submit(input)`.
 */
import { FalInputError } from '../errors/falInputError';
import { assertMaxLogs } from '../validation/assertOptions';
import { FalStore, type RequestSpec } from '../store/falStore';
import { callSafely } from '../util/callSafely';
import type {
  FalRequest,
  ObserverRequestConfig,
  RequestEvent,
  RequestKind,
  RequestSubscriber,
} from './falRequest';
import type {
  ObservedClient,
  ObservedQueueStatus,
  ObservedRequestLog,
  ObservedResult,
} from './observedClient';
import { statusFlags, type WithStatusFlags } from './observerStatus';
import { readPersistedRequestId } from './persistedRequestIds';
import { initialRequestState, type RequestState } from './requestState';
import { SnapshotObserver, type SnapshotObserverOptions } from './snapshotObserver';
import { stableHash } from './stableHash';

/**
 * How long a `submit()` made while nobody listens (before `subscribe()`, from a layout effect,
 * between commit and effects) waits for a listener before it counts as never observed and is
 * released (cancelled on the server, or kept for `gcTime` when already finished).
 */
export const UNOBSERVED_SUBMIT_GRACE_MS = 3000;

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
   * How long (ms) the store keeps the finished request once no observer follows it, so a remount
   * shows it with no new submit. Default: the store's (5 minutes); `0`: forget it at once. A shared
   * request keeps the largest `gcTime` among its observers.
   */
  gcTime?: number;
  /**
   * How many of the newest log lines the snapshot's `logs` keeps (older ones are dropped so a long,
   * chatty job does not grow without bound); `onLog` still gets every line. Default: the store's
   * (1,000); `Infinity` keeps all. Not part of the sharing key: a request shared by several
   * observers keeps the largest `maxLogs` among them.
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

/** What a request snapshot can do, whatever its status. */
export interface RequestActions<TInput, TOutput> {
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

/**
 * The request's state (see `RequestState`), its status flags and the actions: a union
 * discriminated by `status` (and by each flag), so `if (job.isSuccess) job.data` is the output,
 * `if (job.isError) job.error` an `Error`, `if (job.isInQueue) job.queuePosition` a number.
 */
export type RequestSnapshot<TInput, TOutput> = WithStatusFlags<RequestState<TOutput>> &
  RequestActions<TInput, TOutput>;

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
  readonly #store: FalStore<ObservedClient>;
  readonly #kind: RequestKind;
  #options: RequestObserverOptions<TInput, TOutput>;
  #request: FalRequest<TOutput> | undefined;
  /** The followed request came from `submit()` (not shared, not replaced by the options). */
  #submitted = false;
  /** Hash of what the options ask for; a change means a new request. */
  #intent: string;
  /** Synced with its request at least once (before that, nothing stale can show). */
  #synced = false;
  /** After `reset()`, stay idle until the options ask for something else. */
  #isReset = false;
  /** The last optimistic snapshot, reused while the same options are still waiting to be applied. */
  #optimistic: { intent: string; snapshot: RequestSnapshot<TInput, TOutput> } | undefined;
  #unobservedSubmitTimer: ReturnType<typeof setTimeout> | undefined;

  /** `storeOrClient`: the store to use, or a client (then its default store, `FalStore.for(client)`). */
  constructor(
    storeOrClient: FalStore<ObservedClient> | ObservedClient,
    kind: RequestKind,
    options: RequestObserverOptions<TInput, TOutput>,
  ) {
    super();
    this.#store = FalStore.from(storeOrClient);
    this.#kind = kind;
    this.#options = validOptions(options);
    this.#intent = this.#intentKey();
    this.configurePublishing(options);
  }

  /** The store whose requests this observer follows. */
  get store(): FalStore<ObservedClient> {
    return this.#store;
  }

  get options(): Readonly<RequestObserverOptions<TInput, TOutput>> {
    return this.#options;
  }

  /** The request followed now (read-only use: tooling, tests), if any. */
  getCurrentRequest(): FalRequest<TOutput> | undefined {
    return this.#request;
  }

  get cancelOnUnmount(): boolean {
    return this.#options.cancelOnUnmount ?? true;
  }

  get maxLogs(): number {
    return this.#options.maxLogs ?? this.#store.maxLogs;
  }

  get gcTime(): number {
    return this.#options.gcTime ?? this.#store.gcTime;
  }

  setOptions(options: RequestObserverOptions<TInput, TOutput>): void {
    this.#options = validOptions(options);
    this.configurePublishing(options);
    if (this.hasListeners()) this.#sync(false);
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
    if (!this.#synced) return undefined;
    const intent = this.#intentKey(options);
    if (intent === this.#intent) return undefined;
    if (this.#optimistic?.intent === intent) return this.#optimistic.snapshot;
    const target = this.#desiredTarget(options);
    const shared = target && this.#store.getRequest<TOutput>(target.key);
    let state = initialRequestState<TOutput>();
    if (shared && reusable(shared, true)) state = shared.state;
    else if (target) {
      // What the request will report once started: a direct call or a resume is in progress at once.
      const started = this.#kind === 'run' || target.resumeRequestId !== undefined;
      state = { ...state, status: started ? 'in_progress' : 'submitting' } as RequestState<TOutput>;
    }
    const snapshot = this.#snapshotOf(state);
    this.#optimistic = { intent, snapshot };
    return snapshot;
  }

  submit = (input: TInput): Promise<ObservedResult<TOutput>> => {
    const request = this.#store.createRequest<TOutput>({
      ...this.#spec(input),
      // Stored under the key a later mount looks up: in mutation mode that key has no input.
      persistKey: this.#persistKey(this.#options, this.#options.input === undefined ? undefined : input),
    });
    this.#isReset = false;
    this.#submitted = true;
    this.#switchTo(request);
    if (!this.hasListeners()) this.#holdUntilObserved(request);
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
    this.#clearUnobservedSubmitTimer();
    this.#sync(true);
    super.onSubscribe();
  }

  // The shared request owns the StrictMode grace and the cancel-on-unmount decision.
  protected override onUnsubscribe(): void {
    this.cancelPendingPublish();
    this.#request?.removeSubscriber(this);
  }

  /**
   * A submit nobody listens to yet: the observer holds the request (it counts as observed) until a
   * listener comes, or lets go after the grace so that it is released like an unmount would.
   */
  #holdUntilObserved(request: FalRequest<TOutput>): void {
    request.addSubscriber(this);
    this.#clearUnobservedSubmitTimer();
    this.#unobservedSubmitTimer = setTimeout(() => {
      this.#unobservedSubmitTimer = undefined;
      if (!this.hasListeners()) request.removeSubscriber(this);
    }, UNOBSERVED_SUBMIT_GRACE_MS);
  }

  #clearUnobservedSubmitTimer(): void {
    if (this.#unobservedSubmitTimer !== undefined) clearTimeout(this.#unobservedSubmitTimer);
    this.#unobservedSubmitTimer = undefined;
  }

  #spec(input: unknown): RequestSpec {
    const options = this.#options;
    return {
      kind: this.#kind,
      endpointId: options.endpointId,
      input,
      config: options,
      gcTime: this.gcTime,
      maxLogs: this.maxLogs,
    };
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
    }) as RequestSnapshot<TInput, TOutput>;
  }

  /**
   * Make the followed request match the options (called while subscribed). `mounting`: the first
   * listener just came; a failed or cancelled shared request is then replaced (a new submit), and a
   * finished one the store still keeps is shown as is (no new submit).
   */
  #sync(mounting: boolean): void {
    this.#synced = true;
    const intent = this.#intentKey();
    if (intent !== this.#intent) {
      // A new endpoint / input / request id: whatever was followed before no longer applies.
      this.#intent = intent;
      this.#optimistic = undefined;
      this.#isReset = false;
      this.#submitted = false;
      if (this.#request) this.#switchTo(undefined);
    }
    const current = this.#request;
    if (
      current &&
      (this.#submitted ? !current.isExpired || isSettled(current) : reusable(current, mounting))
    ) {
      current.addSubscriber(this);
      return;
    }
    if (this.#isReset) return;
    const target = this.#desiredTarget();
    if (target === undefined) {
      if (current) this.#switchTo(undefined);
      return;
    }
    this.#submitted = false;
    const request = this.#store.ensureRequest<TOutput>(
      target.key,
      { ...this.#spec(target.input), resumeRequestId: target.resumeRequestId, persistKey: target.persistKey },
      (shared) => reusable(shared, true),
    );
    this.#switchTo(request);
    if (request.state.status === 'idle') void request.start();
  }

  #intentKey(options: RequestObserverOptions<TInput, TOutput> = this.#options): string {
    const { endpointId, input, enabled, requestId, persist } = options;
    return this.#store.requestKey(
      this.#kind,
      endpointId,
      [input, enabled !== false, requestId, persist],
      options,
    );
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
      key: this.#store.requestKey(this.#kind, endpointId, options.input, options),
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
    const { onEnqueue, onQueueUpdate, onLog, onSuccess, onError } = options;
    for (const action of event.actions) {
      if (action.type === 'enqueued' && onEnqueue) callSafely(() => onEnqueue(action.requestId));
    }
    const { queueStatus, newLogs } = event;
    if (queueStatus && onQueueUpdate) callSafely(() => onQueueUpdate(queueStatus));
    if (newLogs && onLog) for (const log of newLogs) callSafely(() => onLog(log));
    if (previous.status !== state.status) {
      if (state.status === 'success' && onSuccess) {
        const data = state.data;
        callSafely(() => onSuccess(data, { data, requestId: state.requestId ?? '' }));
      } else if (state.status === 'error' && onError) {
        const error = state.error;
        callSafely(() => onError(error));
      }
    }
  }
}

function isSettled(request: FalRequest<unknown>): boolean {
  const { status } = request.state;
  return status === 'success' || status === 'error' || status === 'cancelled';
}

/**
 * Whether an observer may (keep) follow(ing) a shared request: not when it left the store or was
 * detached, and on mount not when it failed or was cancelled (that is asked again).
 */
function reusable(request: FalRequest<unknown>, mounting: boolean): boolean {
  if (request.isExpired) return false;
  if (!mounting) return true;
  const { status } = request.state;
  return status !== 'error' && status !== 'cancelled';
}

function validOptions<T extends { maxLogs?: number; gcTime?: number }>(options: T): T {
  assertMaxLogs(options.maxLogs);
  if (options.gcTime !== undefined && !(typeof options.gcTime === 'number' && options.gcTime >= 0))
    throw new FalInputError(
      `must be a number of ms ≥ 0 (or Infinity), got ${String(options.gcTime)}`,
      'gcTime',
    );
  return options;
}
