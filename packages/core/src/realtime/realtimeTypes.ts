import type { ApiError } from '../errors/apiError';
import type { TimeoutError } from '../errors/timeoutError';

type WithRequestId = { request_id: string };

/** What `new WebSocket(url)` returns, as far as the realtime client uses it (browsers, Node 22+, Deno, Bun, `ws`). */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: Uint8Array | string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

/**
 * An event handler property, checked bivariantly (as a method would be) so implementations whose
 * handlers take their own, narrower event type (`ws`'s `WebSocket.MessageEvent`, the DOM's
 * `MessageEvent`) are accepted without a cast.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** A WebSocket constructor: the platform's global `WebSocket`, or `WebSocket` from the `ws` package on Node 20. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `tokenProvider(app)` receives `{owner}/{alias}{path}`, e.g. `fal-ai/fast-sdxl/realtime`. */
export type RealtimeTokenProvider = (app: string) => Promise<string>;

/** A connection to a realtime endpoint: `send` inputs, results arrive through `onResult`. */
export interface RealtimeConnection<Input> {
  /** Throttled; connects (token, then WebSocket) on first use and after the server closed an idle socket. */
  send(input: Input & Partial<WithRequestId>): void;
  /** Closes the socket and clears every timer; a later `send` connects again. */
  close(): void;
}

/** Options of `realtime.connect`, the same as `@fal-ai/client`'s plus `WebSocket`. */
export interface RealtimeConnectionHandler<Output> {
  /** Reuses one connection across `connect` calls with the same key (e.g. React re-renders). Default: a new key. */
  connectionKey?: string;
  /** Returns a no-op connection outside browsers (for SSR). Default false. */
  clientOnly?: boolean;
  /** Minimum ms between two sends: the first goes out at once, the last of each window at its end. Default 128; 0 disables. */
  throttleInterval?: number;
  /** Inputs the server keeps while busy (1–60), oldest dropped first. Default: the app's choice. */
  maxBuffering?: number;
  /** Path after the app id. Default `/realtime` (not doubled when the id already ends with it). */
  path?: string;
  /** Encodes an input; a `Uint8Array` goes out as a binary frame, a string as text. Default msgpack. */
  encodeMessage?(input: unknown): Uint8Array | string;
  /** Decodes a frame's data. Default: text → JSON, binary → msgpack. */
  decodeMessage?(data: unknown): unknown;
  /** Called with each result. */
  onResult(result: Output & WithRequestId): void;
  /**
   * Server errors (`x-fal-error` other than TIMEOUT, status 400), abnormal closes (status = close code),
   * token failures (all `ApiError`), and a `TimeoutError` when the handshake outlasts `openTimeoutMs`.
   */
  onError?(error: ApiError<unknown> | TimeoutError): void;
  /** Ms the WebSocket handshake may take before the socket is closed and `onError` gets a `TimeoutError`. Default 90 000 (as the Python client). */
  openTimeoutMs?: number;
  /** Token source; default `POST rest.fal.ai/tokens/` through the client (credentials, proxy, baseUrl). */
  tokenProvider?: RealtimeTokenProvider;
  /** Lifetime of `tokenProvider`'s tokens in seconds; refreshed at 90 %. Without it, custom tokens are not refreshed. */
  tokenExpirationSeconds?: number;
  /** WebSocket implementation. Default: the global `WebSocket` (browsers, Node 22+, Deno, Bun); on Node 20 pass `ws`'s. */
  WebSocket?: WebSocketConstructor;
}

export interface RealtimeClient {
  /**
   * Connects to a realtime app over WebSocket. Bad options throw `FalInputError` here, before any
   * network use; nothing is sent until the first `send`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: `any` defaults, as in @fal-ai/client, keep untyped call sites compiling
  connect<Input = any, Output = any>(
    app: string,
    handler: RealtimeConnectionHandler<Output>,
  ): RealtimeConnection<Input>;
}
