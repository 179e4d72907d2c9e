/**
 * `FalStore` owns a fal client, the requests made through it and the policies that apply to them —
 * TanStack's `QueryClient` + `QueryCache`. Observers (and the React hooks and components, and
 * `@falkit/react/query`) are views over one store: a finished request outlives its last observer
 * for `gcTime`, so remounting shows the result without a new submit (no second bill), and code
 * outside components can prefetch, read, cancel and remove requests.
 */
import { createFalClient, type FalClient } from '../client';
import type { FalClientConfig } from '../config';
import { FalInputError } from '../errors/falInputError';
import { callSafely } from '../util/callSafely';
import {
  FalRequest,
  type FalRequestHost,
  type ObserverRequestConfig,
  type RequestKind,
  type RequestSubscriber,
} from '../observers/falRequest';
import type {
  ObservedClient,
  ObservedQueueStatus,
  ObservedRequestLog,
  ObservedResult,
} from '../observers/observedClient';
import type { ObserverStatus } from '../observers/observerStatus';
import { DEFAULT_MAX_LOGS } from '../queue/logAccumulator';
import { assertMaxLogs } from '../validation/assertOptions';
import { requestKey } from './requestKey';

/** How long a finished, unobserved request is kept by default: 5 minutes (TanStack's default). */
export const DEFAULT_GC_TIME = 5 * 60 * 1000;

export interface FalStoreOptions<TClient extends ObservedClient = FalClient> {
  /** The client requests go through. Default: one built from `config`. */
  client?: TClient;
  /** Builds the client when `client` is not given (`createFalClient(config)`). */
  config?: FalClientConfig;
  /**
   * How long (ms) a finished request is kept once no observer follows it; observers and hooks may
   * ask for longer (`gcTime` option; a request keeps the largest). Default 5 minutes; `0` forgets it
   * at once (every mount submits anew); `Infinity` keeps it until `remove`/`clear`.
   */
  gcTime?: number;
  /** Log lines a request keeps by default (newest first dropped last). Default 1,000; `Infinity`: all. */
  maxLogs?: number;
}

/** Options of `prefetch` / `fetch`: what changes the request, plus how long to keep it. */
export interface FalRequestOptions extends ObserverRequestConfig {
  /** `queue` (default): submit to the queue and follow it. `run`: a direct call. */
  kind?: RequestKind;
  /** Keep the finished request at least this long (ms); default: the store's `gcTime`. */
  gcTime?: number;
  maxLogs?: number;
}

export interface FalFetchOptions extends FalRequestOptions {
  /** The job got its request id (queue). */
  onEnqueue?: (requestId: string) => void;
  /** Every queue status received while this fetch waits. */
  onQueueUpdate?: (status: ObservedQueueStatus) => void;
  /** Each new log line while this fetch waits (with `logs: true`). */
  onLog?: (log: ObservedRequestLog) => void;
  /** Stop waiting; when nobody else follows the request, the job is cancelled (see `cancelOnAbort`). */
  abortSignal?: AbortSignal;
  /** Cancel the server job when `abortSignal` aborts and nobody else follows it. Default `true`. */
  cancelOnAbort?: boolean;
  /**
   * Submit anew even when the store has the request (a refetch, a mutation). The request it
   * replaces leaves the store; observers still following it keep it.
   */
  refetch?: boolean;
}

/**
 * Something other than a request/response job that is active through the store: a stream, an
 * upload or a realtime connection. Listed by `getAll()` while its observer is subscribed.
 */
export interface FalActivity {
  readonly key: string;
  readonly kind: 'stream' | 'upload' | 'realtime';
  readonly endpointId: string | undefined;
  /** The input of the current run (a stream's input, a realtime connection's last message). */
  readonly input?: unknown;
  /** The observer's status (a realtime connection has its own: `connecting`, `open`, `closed`…). */
  readonly status: ObserverStatus | string;
  /** The observer's current snapshot (read-only). */
  getSnapshot(): object;
}

export type FalStoreEntry = FalRequest<unknown> | FalActivity;

export interface FalStoreEvent {
  type: 'added' | 'updated' | 'removed';
  /** The request (`kind` `queue`/`run`) or activity (`stream`/`upload`/`realtime`) concerned. */
  entry: FalStoreEntry;
}

export type FalStoreListener = (event: FalStoreEvent) => void;

/** What an observer asks the store for. */
export interface RequestSpec {
  kind: RequestKind;
  endpointId: string;
  input: unknown;
  config: ObserverRequestConfig;
  gcTime?: number;
  maxLogs?: number;
  resumeRequestId?: string;
  persistKey?: string;
}

const defaultStores = new WeakMap<object, FalStore<ObservedClient>>();

function assertGcTime(gcTime: unknown): asserts gcTime is number | undefined {
  if (gcTime === undefined) return;
  if (typeof gcTime === 'number' && gcTime >= 0) return;
  throw new FalInputError(`must be a number of ms ≥ 0 (or Infinity), got ${String(gcTime)}`, 'gcTime');
}

const noop = () => {};

export class FalStore<TClient extends ObservedClient = FalClient> {
  readonly client: TClient;
  /** Default gc time (ms) of this store's requests. */
  readonly gcTime: number;
  /** Default log bound of this store's requests. */
  readonly maxLogs: number;
  readonly #requests = new Map<string, FalRequest<unknown>>();
  readonly #activities = new Map<string, FalActivity>();
  readonly #listeners = new Set<FalStoreListener>();
  #nextId = 1;
  /** How its requests reach the store (kept private: not part of the store's API). */
  readonly #host: FalRequestHost = {
    requestUpdated: (request) => {
      if (this.#requests.get(request.key) === request) this.#emit('updated', request);
    },
    requestExpired: (request) => this.#forget(request),
  };

  /**
   * The store observers use when they are given a client instead of a store: one per client, with
   * the default policies. A `<FalProvider>` or `new FalStore(...)` gives you your own.
   */
  static for<TClient extends ObservedClient>(client: TClient): FalStore<TClient> {
    let store = defaultStores.get(client);
    if (!store) {
      store = new FalStore<ObservedClient>({ client });
      defaultStores.set(client, store);
    }
    return store as unknown as FalStore<TClient>;
  }

  /** `storeOrClient` itself when it is a store, else the client's default store. */
  static from<TClient extends ObservedClient>(storeOrClient: FalStore<TClient> | TClient): FalStore<TClient> {
    return storeOrClient instanceof FalStore ? storeOrClient : FalStore.for(storeOrClient);
  }

  constructor(options: FalStoreOptions<TClient> = {}) {
    assertGcTime(options.gcTime);
    assertMaxLogs(options.maxLogs);
    this.client = options.client ?? (createFalClient(options.config) as unknown as TClient);
    this.gcTime = options.gcTime ?? DEFAULT_GC_TIME;
    this.maxLogs = options.maxLogs ?? DEFAULT_MAX_LOGS;
  }

  /** The key under which this store keeps the request these arguments describe. */
  requestKey(
    kind: RequestKind | 'stream',
    endpointId: string,
    input: unknown,
    options?: ObserverRequestConfig,
  ): string {
    return requestKey(this.client, kind, endpointId, input, options);
  }

  getRequest<TOutput = unknown>(key: string): FalRequest<TOutput> | undefined {
    return this.#requests.get(key) as FalRequest<TOutput> | undefined;
  }

  /** Every request the store keeps, then every active stream / upload / realtime observer. */
  getAll(): FalStoreEntry[] {
    return [...this.#requests.values(), ...this.#activities.values()];
  }

  /**
   * Submit now and keep the request (a later observer or `fetch` with the same arguments shares it;
   * once finished it is kept for `gcTime`). Nobody observing it does not cancel it. Resolves when it
   * settled; never rejects (the outcome is in `getRequest(key).state`). Returns the key.
   */
  async prefetch(endpointId: string, input: unknown, options: FalRequestOptions = {}): Promise<string> {
    const request = this.#requestFor(endpointId, input, options, false);
    await request.start().then(noop, noop);
    return request.key;
  }

  /**
   * The request's result: a finished one from the store (no new submit), an in-flight one shared,
   * else a new submit. Rejects on error or cancellation.
   */
  fetch<TOutput = unknown>(
    endpointId: string,
    input: unknown,
    options: FalFetchOptions = {},
  ): Promise<ObservedResult<TOutput>> {
    const { abortSignal } = options;
    if (abortSignal?.aborted) return Promise.reject(abortSignal.reason);
    const request = this.#requestFor(
      endpointId,
      input,
      options,
      options.refetch === true,
    ) as FalRequest<TOutput>;
    const { onEnqueue, onQueueUpdate, onLog } = options;
    const holder: RequestSubscriber<TOutput> = {
      onRequestEvent: (event) => {
        for (const action of event.actions)
          if (action.type === 'enqueued' && onEnqueue) callSafely(() => onEnqueue(action.requestId));
        const { queueStatus, newLogs } = event;
        if (queueStatus && onQueueUpdate) callSafely(() => onQueueUpdate(queueStatus));
        if (newLogs && onLog) for (const log of newLogs) callSafely(() => onLog(log));
      },
      cancelOnUnmount: options.cancelOnAbort ?? true,
      maxLogs: options.maxLogs ?? this.maxLogs,
      gcTime: options.gcTime ?? this.gcTime,
    };
    request.addSubscriber(holder);
    const leave = () => request.removeSubscriber(holder);
    const result = request.start();
    if (!abortSignal) return result.finally(leave);
    return new Promise<ObservedResult<TOutput>>((resolve, reject) => {
      const onAbort = () => {
        leave();
        reject(abortSignal.reason);
      };
      abortSignal.addEventListener('abort', onAbort, { once: true });
      result.then(resolve, reject).finally(() => {
        abortSignal.removeEventListener('abort', onAbort);
        leave();
      });
    });
  }

  /**
   * Cancel the request's job on the server (best effort). It ends `cancelled` and, once nobody
   * observes it, leaves the store (a cancelled request is never reused).
   */
  async cancel(key: string): Promise<void> {
    await this.#requests.get(key)?.cancel();
  }

  /** Forget the request; an unfinished job is cancelled on the server. Observers keep what they show. */
  remove(key: string): void {
    const request = this.#requests.get(key);
    if (request) this.#forget(request);
  }

  /** Forget every request (unfinished jobs are cancelled on the server). */
  clear(): void {
    for (const request of [...this.#requests.values()]) this.#forget(request);
  }

  /** Be told about every request added, changed or removed (devtools, logging). */
  subscribe(listener: FalStoreListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  // --- for observers (binding authors) ---

  /**
   * The shared request under `key` when `reuse` accepts it, else a new one stored under `key` (the
   * one it replaces is forgotten). Not started.
   */
  ensureRequest<TOutput>(
    key: string,
    spec: RequestSpec,
    reuse: (request: FalRequest<TOutput>) => boolean = (request) => !request.isExpired,
  ): FalRequest<TOutput> {
    const existing = this.#requests.get(key) as FalRequest<TOutput> | undefined;
    if (existing && !existing.isExpired && reuse(existing)) return existing;
    if (existing) {
      // Still followed: it lives on with its observers (and expires when they leave), outside the store.
      if (existing.observerCount > 0) this.#unmap(existing as FalRequest<unknown>);
      else this.#forget(existing as FalRequest<unknown>);
    }
    return this.#add<TOutput>(key, spec);
  }

  /** A request that is never shared (a `submit(input)`), kept under a key of its own. */
  createRequest<TOutput>(spec: RequestSpec): FalRequest<TOutput> {
    const key = `${this.requestKey(spec.kind, spec.endpointId, spec.input, spec.config)}#${this.#nextId++}`;
    return this.#add<TOutput>(key, spec);
  }

  /**
   * List a stream / upload / realtime observer in `getAll()` (observers do this themselves, see
   * `SnapshotObserver.listInStore`): `update()` tells listeners it changed, `untrack()` removes it.
   */
  track(activity: Omit<FalActivity, 'key'> & { key?: string }): {
    key: string;
    update(): void;
    untrack(): void;
  } {
    const key = activity.key ?? `${activity.kind}#${this.#nextId++}`;
    const entry: FalActivity = Object.assign(activity, { key }) as FalActivity;
    this.#activities.set(key, entry);
    this.#emit('added', entry);
    return {
      key,
      update: () => {
        if (this.#activities.get(key) === entry) this.#emit('updated', entry);
      },
      untrack: () => {
        if (this.#activities.get(key) !== entry) return;
        this.#activities.delete(key);
        this.#emit('removed', entry);
      },
    };
  }

  #unmap(request: FalRequest<unknown>): void {
    if (this.#requests.get(request.key) !== request) return;
    this.#requests.delete(request.key);
    this.#emit('removed', request);
  }

  /** Forget the request (gc time passed, removed, detached, replaced). */
  #forget(request: FalRequest<unknown>): void {
    const kept = this.#requests.get(request.key) === request;
    if (kept) this.#requests.delete(request.key);
    request.expire();
    if (kept) this.#emit('removed', request);
  }

  #requestFor(
    endpointId: string,
    input: unknown,
    options: FalRequestOptions,
    fresh: boolean,
  ): FalRequest<unknown> {
    const kind = options.kind ?? 'queue';
    const key = this.requestKey(kind, endpointId, input, options);
    const request = this.ensureRequest<unknown>(
      key,
      { kind, endpointId, input, config: options, gcTime: options.gcTime, maxLogs: options.maxLogs },
      // A failed or cancelled request is not a result to reuse.
      (existing) => !fresh && existing.state.status !== 'error' && existing.state.status !== 'cancelled',
    );
    return request;
  }

  #add<TOutput>(key: string, spec: RequestSpec): FalRequest<TOutput> {
    assertGcTime(spec.gcTime);
    const request = new FalRequest<TOutput>(this.client, {
      key,
      kind: spec.kind,
      endpointId: spec.endpointId,
      input: spec.input,
      config: spec.config,
      gcTime: spec.gcTime ?? this.gcTime,
      maxLogs: spec.maxLogs ?? this.maxLogs,
      host: this.#host,
      resumeRequestId: spec.resumeRequestId,
      persistKey: spec.persistKey,
    });
    this.#requests.set(key, request as FalRequest<unknown>);
    this.#emit('added', request as FalRequest<unknown>);
    return request;
  }

  #emit(type: FalStoreEvent['type'], entry: FalStoreEntry): void {
    if (this.#listeners.size === 0) return;
    const event: FalStoreEvent = { type, entry };
    for (const listener of [...this.#listeners]) callSafely(() => listener(event));
  }
}
