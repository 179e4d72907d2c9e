/**
 * Observer of a streaming endpoint (`fal.stream`): `start(input)`, events as they arrive
 * (throttled publishing), `stop()` that keeps the partial output and ends in `cancelled` (not an
 * error), and an optional capped list of events.
 */
import { isAbortError } from '../errors/abortError';
import { callSafely } from '../util/callSafely';
import { FalStore } from '../store/falStore';
import type { ObservedClient, ObservedStream } from './observedClient';
import { statusFlags, type WithStatusFlags } from './observerStatus';
import { SnapshotObserver, type SnapshotObserverOptions } from './snapshotObserver';

export type StreamStatus = 'idle' | 'streaming' | 'success' | 'error' | 'cancelled';

export interface StreamState<TEvent> {
  status: StreamStatus;
  /** The latest event; after success, the final one (the result). Kept after `stop()`. */
  data: TEvent | undefined;
  /** The last `maxEvents` events (empty unless `maxEvents` > 0). */
  events: readonly TEvent[];
  /** Events received so far in this run. */
  eventCount: number;
  requestId: string | undefined;
  error: Error | undefined;
  startedAt: number | undefined;
  completedAt: number | undefined;
}

type StreamAction<TEvent> =
  | { type: 'start'; at: number }
  | { type: 'requestId'; requestId: string }
  | { type: 'event'; event: TEvent; maxEvents: number }
  | { type: 'success'; data: TEvent | undefined; at: number }
  | { type: 'error'; error: Error; at: number }
  | { type: 'stopped'; at: number }
  | { type: 'reset' };

function initialStreamState<TEvent>(): StreamState<TEvent> {
  return {
    status: 'idle',
    data: undefined,
    events: [],
    eventCount: 0,
    requestId: undefined,
    error: undefined,
    startedAt: undefined,
    completedAt: undefined,
  };
}

function reduceStreamState<TEvent>(
  state: StreamState<TEvent>,
  action: StreamAction<TEvent>,
): StreamState<TEvent> {
  switch (action.type) {
    case 'start':
      return { ...initialStreamState<TEvent>(), status: 'streaming', startedAt: action.at };
    case 'requestId':
      return { ...state, requestId: action.requestId };
    case 'event': {
      const events =
        action.maxEvents > 0 ? [...state.events, action.event].slice(-action.maxEvents) : state.events;
      return { ...state, data: action.event, events, eventCount: state.eventCount + 1 };
    }
    case 'success':
      return { ...state, status: 'success', data: action.data, completedAt: action.at };
    case 'error':
      return { ...state, status: 'error', error: action.error, completedAt: action.at };
    case 'stopped':
      return { ...state, status: 'cancelled', completedAt: action.at };
    case 'reset':
      return initialStreamState<TEvent>();
  }
}

export interface StreamObserverOptions<TInput, TEvent>
  extends SnapshotObserverOptions<StreamSnapshot<TInput, TEvent>> {
  endpointId: string;
  /** Keep the last N events in `events`. Default 0 (only `data`, the latest, is kept). */
  maxEvents?: number;
  onEvent?: (event: TEvent) => void;
  onSuccess?: (data: TEvent | undefined) => void;
  onError?: (error: Error) => void;
}

/** What a stream snapshot can do, whatever its status. */
export interface StreamActions<TInput, TEvent> {
  /**
   * Start streaming `input` (a running stream is stopped first). Resolves with the final event (the
   * latest one if stopped); rejects on error, already handled so ignoring it is safe.
   */
  start: (input: TInput) => Promise<TEvent | undefined>;
  /** Abort the stream, keep what arrived, end in `cancelled`. */
  stop: () => void;
  /** Alias of `stop`, for symmetry with the other observers. */
  cancel: () => void;
  reset: () => void;
}

/** The stream state in one status: `error` is an `Error` in `error` and `undefined` elsewhere. */
type StreamStateIn<TEvent, S extends StreamStatus> = S extends StreamStatus
  ? Omit<StreamState<TEvent>, 'status' | 'error'> & {
      status: S;
      error: S extends 'error' ? Error : undefined;
    }
  : never;

/**
 * The stream's state, its status flags and the actions: a union discriminated by `status` and by
 * each flag, so `if (stream.isError) stream.error.message` compiles.
 */
export type StreamSnapshot<TInput, TEvent> = WithStatusFlags<StreamStateIn<TEvent, StreamStatus>> &
  StreamActions<TInput, TEvent>;

const noop = () => {};

export class StreamObserver<TInput = unknown, TEvent = unknown> extends SnapshotObserver<
  StreamSnapshot<TInput, TEvent>
> {
  readonly #client: ObservedClient;
  #options: StreamObserverOptions<TInput, TEvent>;
  #state: StreamState<TEvent> = initialStreamState<TEvent>();
  #input: TInput | undefined;
  #controller: AbortController | undefined;
  #stream: ObservedStream<unknown> | undefined;

  /**
   * `storeOrClient`: the store that lists this stream while it runs (`getAll()`, devtools), or a
   * client (then its default store, `FalStore.for(client)`).
   */
  constructor(
    storeOrClient: FalStore<ObservedClient> | ObservedClient,
    options: StreamObserverOptions<TInput, TEvent>,
  ) {
    super();
    const store = FalStore.from(storeOrClient);
    this.#client = store.client;
    this.#options = options;
    this.configurePublishing(options);
    this.listInStore(store, {
      kind: 'stream',
      endpointId: () => this.#options.endpointId,
      input: () => this.#input,
      running: () => this.#state.status === 'streaming',
    });
  }

  setOptions(options: StreamObserverOptions<TInput, TEvent>): void {
    this.#options = options;
    this.configurePublishing(options);
  }

  start = (input: TInput): Promise<TEvent | undefined> => {
    this.#abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#input = input;
    this.#dispatch({ type: 'start', at: Date.now() });
    const promise = this.#run(input, controller);
    promise.catch(noop);
    return promise;
  };

  stop = (): void => {
    if (this.#state.status !== 'streaming') return;
    this.#dispatch({ type: 'stopped', at: Date.now() });
    this.#abort();
  };

  cancel = (): void => this.stop();

  reset = (): void => {
    this.#abort();
    this.#input = undefined;
    this.#dispatch({ type: 'reset' });
  };

  protected override onUnobserved(): void {
    this.stop();
  }

  protected createSnapshot(): StreamSnapshot<TInput, TEvent> {
    return this.#snapshotOf(this.#state);
  }

  protected createIdleSnapshot(): StreamSnapshot<TInput, TEvent> {
    return this.#snapshotOf(initialStreamState<TEvent>());
  }

  #snapshotOf(state: StreamState<TEvent>): StreamSnapshot<TInput, TEvent> {
    // The reducer keeps `error` undefined outside `error` (every run starts from the initial state).
    return Object.freeze({
      ...state,
      ...statusFlags(state.status),
      start: this.start,
      stop: this.stop,
      cancel: this.cancel,
      reset: this.reset,
    }) as StreamSnapshot<TInput, TEvent>;
  }

  async #run(input: TInput, controller: AbortController): Promise<TEvent | undefined> {
    const current = () => this.#controller === controller && !controller.signal.aborted;
    let last: TEvent | undefined;
    try {
      const stream = await this.#client.stream(this.#options.endpointId, {
        input,
        signal: controller.signal,
      });
      if (!current()) {
        stream.abort();
        throw new DOMException('The stream was stopped.', 'AbortError');
      }
      this.#stream = stream;
      for await (const event of stream as AsyncIterable<TEvent>) {
        if (!current()) break;
        last = event;
        this.#captureRequestId(stream.requestId);
        this.#dispatch({ type: 'event', event, maxEvents: this.#options.maxEvents ?? 0 });
        callSafely(() => this.#options.onEvent?.(event));
      }
      if (!current()) throw new DOMException('The stream was stopped.', 'AbortError');
      this.#captureRequestId(stream.requestId);
      this.#dispatch({ type: 'success', data: last, at: Date.now() });
      callSafely(() => this.#options.onSuccess?.(last));
      return last;
    } catch (error) {
      // Stopped (or superseded by a newer start): not an error; resolve with what arrived.
      if (controller.signal.aborted && (isAbortError(error) || this.#controller !== controller)) return last;
      const failure = error instanceof Error ? error : new Error(String(error));
      if (this.#controller === controller) {
        this.#captureRequestId(this.#stream?.requestId || (error as { requestId?: unknown }).requestId);
        this.#dispatch({ type: 'error', error: failure, at: Date.now() });
        callSafely(() => this.#options.onError?.(failure));
      }
      throw failure;
    } finally {
      if (this.#controller === controller) {
        this.#controller = undefined;
        this.#stream = undefined;
      }
    }
  }

  /**
   * `stream.requestId` is only known once the response headers arrive, which is after `stream()`
   * resolves: take it with the first event, at the end, or from the error of a failed answer.
   */
  #captureRequestId(requestId: unknown): void {
    if (this.#state.requestId !== undefined || typeof requestId !== 'string' || !requestId) return;
    this.#dispatch({ type: 'requestId', requestId });
  }

  #abort(): void {
    const controller = this.#controller;
    const stream = this.#stream;
    this.#controller = undefined;
    this.#stream = undefined;
    controller?.abort();
    stream?.abort();
  }

  #dispatch(action: StreamAction<TEvent>): void {
    const previous = this.#state;
    this.#state = reduceStreamState(previous, action);
    if (previous.status !== this.#state.status) this.publish();
    else this.publishThrottled();
  }
}
