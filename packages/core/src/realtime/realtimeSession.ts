import type { FalContext } from '../context';
import { ApiError } from '../errors/apiError';
import { TimeoutError } from '../errors/timeoutError';
import { parseEndpointId } from '../endpoint/parseEndpointId';
import { fetchStreamToken } from '../transport/fetchStreamToken';
import { callSafely } from '../util/callSafely';
import { type Throttled, throttle } from './throttle';
import { decodeRealtimeMessage, encodeRealtimeMessage } from './realtimeCodec';
import { realtimeAppPath, realtimeUrl } from './realtimeUrl';
import type { RealtimeConnectionHandler, WebSocketConstructor, WebSocketLike } from './realtimeTypes';

/** Lifetime the default token provider asks for (JS client: 120 s). */
const DEFAULT_TOKEN_SECONDS = 120;
const DEFAULT_THROTTLE_MS = 128;
/** How long the WebSocket handshake may take (Python client: 90 s). */
const DEFAULT_OPEN_TIMEOUT_MS = 90_000;
const OPEN = 1;
const NORMAL_CLOSURE = 1000;

type Phase = 'idle' | 'authenticating' | 'connecting' | 'open';

export interface RealtimeSessionInit {
  ctx: FalContext;
  app: string;
  handler: RealtimeConnectionHandler<unknown>;
  WebSocket: WebSocketConstructor;
  /** Called when `close()` releases the session, so the cache forgets it. */
  onRelease(): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * One realtime connection (docs/protocol.md §8): idle → token → WebSocket → open. While not open only
 * the latest message is kept and sent on open; the token is refreshed at 90 % of its lifetime.
 */
export class RealtimeSession {
  private handler: RealtimeConnectionHandler<unknown>;
  private readonly ctx: FalContext;
  private readonly app: string;
  private readonly appPath: string;
  private readonly alias: string;
  private readonly WebSocket: WebSocketConstructor;
  private readonly onRelease: () => void;
  private readonly throttled: Throttled<[Uint8Array | string]>;
  private phase: Phase = 'idle';
  private socket: WebSocketLike | undefined;
  private latest: Uint8Array | string | undefined;
  private token: string | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever in-flight token work must be ignored (close, unauthorized). */
  private generation = 0;
  private abort = new AbortController();
  /** Bumped by `close()`: results still being decoded then are dropped. */
  private epoch = 0;

  constructor(init: RealtimeSessionInit) {
    this.ctx = init.ctx;
    this.app = init.app;
    this.handler = init.handler;
    this.WebSocket = init.WebSocket;
    this.onRelease = init.onRelease;
    this.appPath = realtimeAppPath(init.app, init.handler.path);
    this.alias = parseEndpointId(init.app).alias;
    this.throttled = throttle(
      (message: Uint8Array | string) => this.dispatch(message),
      init.handler.throttleInterval ?? DEFAULT_THROTTLE_MS,
    );
  }

  /** A later `connect` with the same key brings new callbacks (React re-renders). */
  updateHandler(handler: RealtimeConnectionHandler<unknown>): void {
    this.handler = handler;
  }

  send(input: unknown): void {
    const encode = this.handler.encodeMessage ?? encodeRealtimeMessage;
    this.throttled(encode(input));
  }

  close(): void {
    this.epoch++;
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
    this.throttled.cancel();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.latest = undefined;
    this.token = undefined;
    this.dropSocket(NORMAL_CLOSURE);
    this.phase = 'idle';
    this.onRelease();
  }

  private dispatch(message: Uint8Array | string): void {
    if (this.phase === 'open' && this.socket?.readyState === OPEN) {
      this.socket.send(message);
      return;
    }
    this.latest = message;
    if (this.phase !== 'idle') return;
    if (this.token === undefined) this.authenticate();
    else this.openSocket();
  }

  private reportError(error: ApiError<unknown> | TimeoutError): void {
    const { onError } = this.handler;
    if (onError) callSafely(() => onError(error));
  }

  private fetchToken(): Promise<string> {
    const provider = this.handler.tokenProvider;
    return provider ? provider(this.appPath) : fetchStreamToken(this.ctx, this.alias, this.abort.signal);
  }

  /** Seconds the token lives, when known: the default provider asks for 120 s. */
  private tokenLifetime(): number | undefined {
    return this.handler.tokenProvider ? this.handler.tokenExpirationSeconds : DEFAULT_TOKEN_SECONDS;
  }

  private authenticate(): void {
    this.phase = 'authenticating';
    const generation = ++this.generation;
    this.fetchToken().then(
      (token) => {
        if (generation !== this.generation) return;
        this.token = token;
        this.scheduleRefresh(generation);
        this.openSocket();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.phase = 'idle';
        this.latest = undefined;
        this.reportError(
          error instanceof ApiError
            ? error
            : new ApiError({
                message: `Could not get a realtime token: ${error instanceof Error ? error.message : String(error)}`,
                status: 401,
                body: error,
              }),
        );
      },
    );
  }

  private scheduleRefresh(generation: number): void {
    const lifetime = this.tokenLifetime();
    if (lifetime === undefined) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(generation, lifetime), Math.round(lifetime * 900));
  }

  private refresh(generation: number, lifetime: number): void {
    this.refreshTimer = undefined;
    this.fetchToken().then(
      (token) => {
        if (generation !== this.generation) return;
        this.token = token;
        this.scheduleRefresh(generation);
      },
      () => {
        if (generation !== this.generation) return;
        // Retry after 5 % of the lifetime, as fal's client does.
        this.refreshTimer = setTimeout(() => this.refresh(generation, lifetime), Math.round(lifetime * 50));
      },
    );
  }

  private openSocket(): void {
    this.phase = 'connecting';
    const url = realtimeUrl(this.ctx, this.appPath, this.token as string, this.handler.maxBuffering);
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocket(url);
    } catch (error) {
      this.phase = 'idle';
      this.reportError(
        new ApiError({ message: `Could not open the realtime socket: ${String(error)}`, status: 500 }),
      );
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    const openTimeoutMs = this.handler.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS;
    this.openTimer = setTimeout(() => this.handshakeTimedOut(socket, openTimeoutMs), openTimeoutMs);
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.clearOpenTimer();
      this.phase = 'open';
      const queued = this.latest;
      this.latest = undefined;
      if (queued !== undefined) socket.send(queued);
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) void this.receive(event.data);
    };
    // A failed socket always closes next; the close code is reported there, once.
    socket.onerror = () => {};
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.clearOpenTimer();
      this.socket = undefined;
      this.phase = 'idle';
      // Like fal's client: a closed connection forgets its token (and stops refreshing it), so an
      // idle client holds no timers and a refused token is never reused.
      this.dropToken();
      if (event.code !== NORMAL_CLOSURE) {
        this.reportError(
          new ApiError({
            message: `Realtime connection closed with code ${event.code}${event.reason ? `: ${event.reason}` : ''}`,
            status: event.code,
          }),
        );
      }
      if (this.latest !== undefined) this.dispatch(this.latest);
    };
  }

  /** A server that accepts TCP but never answers the upgrade would otherwise hang the session forever. */
  private handshakeTimedOut(socket: WebSocketLike, timeoutMs: number): void {
    this.openTimer = undefined;
    if (this.socket !== socket) return;
    this.dropSocket(NORMAL_CLOSURE);
    this.dropToken();
    this.phase = 'idle';
    this.latest = undefined;
    this.reportError(new TimeoutError(timeoutMs));
  }

  private clearOpenTimer(): void {
    clearTimeout(this.openTimer);
    this.openTimer = undefined;
  }

  private dropToken(): void {
    this.generation++;
    this.token = undefined;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private dropSocket(code: number): void {
    this.clearOpenTimer();
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    // Keep a listener: `ws` throws on an unhandled 'error' when closed while connecting.
    socket.onerror = () => {};
    try {
      socket.close(code);
    } catch {
      // already closing
    }
  }

  private async receive(data: unknown): Promise<void> {
    const epoch = this.epoch;
    let decoded: unknown;
    try {
      decoded = await (this.handler.decodeMessage ?? decodeRealtimeMessage)(data);
      if (epoch !== this.epoch) return;
    } catch (error) {
      if (epoch !== this.epoch) return;
      this.reportError(
        new ApiError({
          message: error instanceof Error ? error.message : 'Failed to decode realtime message',
          status: 400,
        }),
      );
      return;
    }
    if (isRecord(decoded) && decoded.status === 'error') {
      if (decoded.error === 'Unauthorized') {
        this.dropToken();
        this.dropSocket(NORMAL_CLOSURE);
        this.phase = 'idle';
        this.reportError(new ApiError({ message: 'Unauthorized', status: 401, body: decoded }));
      }
      return;
    }
    if (isRecord(decoded) && decoded.type === 'x-fal-message') return;
    if (isRecord(decoded) && decoded.type === 'x-fal-error') {
      // TIMEOUT only says the socket idled; the server closes it and the next send reconnects.
      if (decoded.error === 'TIMEOUT') return;
      this.reportError(
        new ApiError({
          message: `${String(decoded.error)}: ${String(decoded.reason)}`,
          status: 400,
          body: decoded,
        }),
      );
      return;
    }
    const { onResult } = this.handler;
    callSafely(() => onResult(decoded as never));
  }

  /** For diagnostics and tests. */
  get state(): { phase: Phase; hasToken: boolean; app: string } {
    return { phase: this.phase, hasToken: this.token !== undefined, app: this.app };
  }
}
