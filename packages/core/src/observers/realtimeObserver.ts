/**
 * Observer of a realtime (WebSocket) app: `send(input)` connects on first use, results arrive as
 * `data` (throttled publishing, like stream events), `close()` ends the connection. Attaches on the
 * first listener and closes the connection when the last one leaves (after a microtask, so React
 * StrictMode's remount keeps it). Uses the client's lazy `client.realtime`, so the WebSocket and
 * msgpack code load on the first `send`, not with this module.
 */
import type { ApiError } from '../errors/apiError';
import type {
  RealtimeClient,
  RealtimeConnection,
  RealtimeConnectionHandler,
  WebSocketConstructor,
  WebSocketLike,
} from '../realtime/realtimeTypes';
import { FalStore } from '../store/falStore';
import { callSafely } from '../util/callSafely';
import type { ObservedClient } from './observedClient';
import { SnapshotObserver, type SnapshotObserverOptions } from './snapshotObserver';

/**
 * `idle` nothing sent yet · `connecting` token or handshake under way (only the latest input is
 * kept) · `open` socket open · `error` the last thing that happened was an error (`error` says
 * which; the next `send` reconnects if needed) · `closed` closed by `close()`, the last listener
 * leaving, or the server (idle timeout); the next `send` reconnects.
 */
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'error' | 'closed';

export interface RealtimeStatusFlags {
  isIdle: boolean;
  isConnecting: boolean;
  isOpen: boolean;
  isError: boolean;
  isClosed: boolean;
}

export interface RealtimeState<TOutput> {
  status: RealtimeStatus;
  /** The latest result; kept across errors and closes. */
  data: TOutput | undefined;
  /** Results received since the observer was created. */
  resultCount: number;
  /** The latest error (server `x-fal-error`, abnormal close, token failure, bad options); cleared by the next result. */
  error: Error | undefined;
}

type RealtimeAction<TOutput> =
  | { type: 'send'; socketOpen: boolean }
  | { type: 'open' }
  | { type: 'result'; result: TOutput }
  | { type: 'error'; error: Error }
  | { type: 'socketClosed' }
  | { type: 'closed' };

function initialRealtimeState<TOutput>(): RealtimeState<TOutput> {
  return { status: 'idle', data: undefined, resultCount: 0, error: undefined };
}

function reduceRealtimeState<TOutput>(
  state: RealtimeState<TOutput>,
  action: RealtimeAction<TOutput>,
): RealtimeState<TOutput> {
  switch (action.type) {
    case 'send': {
      const status = action.socketOpen ? 'open' : 'connecting';
      return status === state.status ? state : { ...state, status };
    }
    case 'open':
      return state.status === 'open' ? state : { ...state, status: 'open' };
    case 'result':
      return {
        ...state,
        status: 'open',
        data: action.result,
        resultCount: state.resultCount + 1,
        error: undefined,
      };
    case 'error':
      return { ...state, status: 'error', error: action.error };
    case 'socketClosed':
      // An abnormal close or refused token is reported as an error; keep saying so.
      return state.status === 'error' ? state : { ...state, status: 'closed' };
    case 'closed':
      return state.status === 'idle' ? state : { ...state, status: 'closed' };
  }
}

/** The part of a fal client this observer uses (any `FalClient` fits). */
export interface RealtimeObservedClient {
  readonly realtime: RealtimeClient;
}

type ConnectionOptions<TOutput> = Omit<RealtimeConnectionHandler<TOutput>, 'onResult' | 'onError'>;

export interface RealtimeObserverOptions<TInput, TOutput>
  extends SnapshotObserverOptions<RealtimeSnapshot<TInput, TOutput>>,
    ConnectionOptions<TOutput> {
  /** The realtime app, e.g. `fal-ai/fast-lcm-diffusion`. */
  app: string;
  /** Called with each result; the latest callback passed to `setOptions` is used. */
  onResult?: (result: TOutput) => void;
  /** Called with each error; the latest callback passed to `setOptions` is used. */
  onError?: (error: Error) => void;
}

export interface RealtimeSnapshot<TInput, TOutput> extends RealtimeState<TOutput>, RealtimeStatusFlags {
  /** Send an input (throttled by `throttleInterval`); connects first if needed. Bad options throw `FalInputError`. */
  send: (input: TInput) => void;
  /** Close the socket; `data` is kept and a later `send` reconnects. */
  close: () => void;
}

/**
 * Options read when the connection is made or the socket opens: changing one closes the connection
 * (the next `send` reconnects, validating them again). The callbacks are read at call time instead.
 */
const CONNECTION_KEYS = [
  'app',
  'path',
  'connectionKey',
  'throttleInterval',
  'clientOnly',
  'WebSocket',
  'maxBuffering',
  'tokenExpirationSeconds',
] as const;

export class RealtimeObserver<TInput = unknown, TOutput = unknown> extends SnapshotObserver<
  RealtimeSnapshot<TInput, TOutput>
> {
  readonly #client: RealtimeObservedClient;
  #options: RealtimeObserverOptions<TInput, TOutput>;
  #state: RealtimeState<TOutput> = initialRealtimeState<TOutput>();
  #connection: RealtimeConnection<TInput> | undefined;
  /** The socket of the current connection; events of older sockets are ignored. */
  #socket: WebSocketLike | undefined;
  #socketOpen = false;
  #lastInput: TInput | undefined;

  /**
   * `storeOrClient`: the store that lists this connection while it is used (`getAll()`, devtools),
   * or a client (then its default store, `FalStore.for(client)`).
   */
  constructor(
    storeOrClient: FalStore<ObservedClient> | RealtimeObservedClient,
    options: RealtimeObserverOptions<TInput, TOutput>,
  ) {
    super();
    const isStore = storeOrClient instanceof FalStore;
    this.#client = (isStore ? storeOrClient.client : storeOrClient) as RealtimeObservedClient;
    this.#options = options;
    this.configurePublishing(options);
    // The store only lists the connection (it never calls the client), so a realtime-only client fits.
    const store = isStore ? storeOrClient : FalStore.for(storeOrClient as unknown as ObservedClient);
    this.listInStore(store, {
      kind: 'realtime',
      endpointId: () => this.#options.app,
      input: () => this.#lastInput,
      running: () => this.#state.status === 'connecting' || this.#state.status === 'open',
    });
  }

  setOptions(options: RealtimeObserverOptions<TInput, TOutput>): void {
    const previous = this.#options;
    this.#options = options;
    this.configurePublishing(options);
    if (this.#connection && CONNECTION_KEYS.some((key) => !Object.is(previous[key], options[key]))) {
      this.close();
    }
  }

  send = (input: TInput): void => {
    let connection: RealtimeConnection<TInput>;
    try {
      connection = this.#connection ??= this.#connect();
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    this.#lastInput = input;
    this.#dispatch({ type: 'send', socketOpen: this.#socketOpen });
    connection.send(input as Parameters<RealtimeConnection<TInput>['send']>[0]);
  };

  close = (): void => {
    const connection = this.#connection;
    this.#connection = undefined;
    this.#socket = undefined;
    this.#socketOpen = false;
    connection?.close();
    this.#dispatch({ type: 'closed' });
  };

  protected override onUnobserved(): void {
    if (this.#connection) this.close();
  }

  protected createSnapshot(): RealtimeSnapshot<TInput, TOutput> {
    return this.#snapshotOf(this.#state);
  }

  protected createIdleSnapshot(): RealtimeSnapshot<TInput, TOutput> {
    return this.#snapshotOf(initialRealtimeState<TOutput>());
  }

  #snapshotOf(state: RealtimeState<TOutput>): RealtimeSnapshot<TInput, TOutput> {
    return Object.freeze({
      ...state,
      isIdle: state.status === 'idle',
      isConnecting: state.status === 'connecting',
      isOpen: state.status === 'open',
      isError: state.status === 'error',
      isClosed: state.status === 'closed',
      send: this.send,
      close: this.close,
    });
  }

  #connect(): RealtimeConnection<TInput> {
    const options = this.#options;
    const {
      app,
      throttle: _throttle,
      notifyOnChangeProps: _notify,
      onResult: _onResult,
      onError: _onError,
      WebSocket,
      ...connectionOptions
    } = options;
    const base = WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    const handler: RealtimeConnectionHandler<TOutput> = {
      ...connectionOptions,
      // Without any WebSocket, leave it unset so `connect` throws its clear `FalInputError`.
      WebSocket: typeof base === 'function' ? this.#watchSockets(base) : undefined,
      onResult: (result) => {
        if (this.#connection !== connection) return;
        this.#dispatch({ type: 'result', result });
        callSafely(() => this.#options.onResult?.(result));
      },
      onError: (error: ApiError<unknown>) => {
        if (this.#connection !== connection) return;
        this.#fail(error);
      },
    };
    // Callbacks the session reads at use time follow the latest options (inline functions in a
    // React component must not reconnect on every render).
    for (const key of ['tokenProvider', 'encodeMessage', 'decodeMessage'] as const) {
      Object.defineProperty(handler, key, {
        enumerable: true,
        get: () => this.#options[key],
      });
    }
    const connection = this.#client.realtime.connect<TInput, TOutput>(app, handler);
    return connection;
  }

  /** Wraps the WebSocket constructor to see the socket open and close (the connection API hides both). */
  #watchSockets(Base: WebSocketConstructor): WebSocketConstructor {
    const observer = this;
    return function WatchedWebSocket(url: string): WebSocketLike {
      const socket = new Base(url);
      const watched: WebSocketLike = {
        get readyState() {
          return socket.readyState;
        },
        get binaryType() {
          return socket.binaryType;
        },
        set binaryType(value: string) {
          socket.binaryType = value;
        },
        send: (data) => socket.send(data),
        close: (code, reason) => socket.close(code, reason),
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
      };
      observer.#socket = watched;
      observer.#socketOpen = false;
      socket.onopen = (event) => {
        if (observer.#socket === watched) {
          observer.#socketOpen = true;
          observer.#dispatch({ type: 'open' });
        }
        watched.onopen?.(event);
      };
      socket.onmessage = (event) => watched.onmessage?.(event);
      // Always listen: `ws` throws on an unhandled 'error'.
      socket.onerror = (event) => watched.onerror?.(event);
      socket.onclose = (event) => {
        if (observer.#socket === watched) {
          observer.#socket = undefined;
          observer.#socketOpen = false;
          observer.#dispatch({ type: 'socketClosed' });
        }
        watched.onclose?.(event);
      };
      return watched;
    } as unknown as WebSocketConstructor;
  }

  #fail(error: Error): void {
    this.#dispatch({ type: 'error', error });
    callSafely(() => this.#options.onError?.(error));
  }

  #dispatch(action: RealtimeAction<TOutput>): void {
    const previous = this.#state;
    this.#state = reduceRealtimeState(previous, action);
    if (previous === this.#state) return;
    if (previous.status !== this.#state.status || action.type === 'error') this.publish();
    else this.publishThrottled();
  }
}
