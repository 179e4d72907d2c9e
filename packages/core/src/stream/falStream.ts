import type { FalContext } from '../context';
import { ApiError } from '../errors/apiError';
import { FalError } from '../errors/falError';
import { TimeoutError } from '../errors/timeoutError';
import { readServerSentEvents } from '../sse/readServerSentEvents';
import { toNetworkError } from '../transport/networkFailure';
import { fetchWithClientToken } from '../transport/fetchWithClientToken';
import { StreamQueue } from './streamQueue';
import type { FalStreamEventType, StreamOptions } from './streamOptions';
import { callSafely } from '../util/callSafely';

const EVENT_STREAM = 'text/event-stream';
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 15_000;
/** A `for await` loop this many events behind pauses reading from the network until it catches up. */
export const STREAM_HIGH_WATER_MARK = 1024;

type Listener<T> = (value: T) => void;

/**
 * A running streaming request (`POST https://fal.run/{id}/stream`, docs/protocol.md §5). Drop-in for
 * `@fal-ai/client`'s `FalStream`:
 * - `on('data' | 'error' | 'done', listener)`; `done()` resolves with the last event (the result) and
 *   rejects on error or abort; it never causes an unhandled rejection, even when nobody calls it.
 * - `for await (const event of stream)` receives each event the moment it is parsed (a real queue,
 *   falsy values included). A loop sees the events that arrive after it starts; several loops each
 *   see every event. `break` aborts the request unless another loop is still reading. Errors are
 *   thrown inside the loop after the events that preceded them.
 * - Only the last event is kept when nobody iterates, so memory stays flat for long streams.
 * - `timeout` is an idle timeout: no bytes for that long aborts with `TimeoutError`.
 * - Non-SSE responses deliver raw `Uint8Array` chunks.
 */
export class FalStream<Input = Record<string, any>, Output = any> implements AsyncIterable<Output> {
  readonly endpointId: string;
  readonly url: string;
  readonly options: StreamOptions<Input>;

  readonly #ctx: FalContext;
  readonly #controller = new AbortController();
  readonly #listeners = {
    data: new Set<Listener<Output>>(),
    error: new Set<Listener<unknown>>(),
    done: new Set<Listener<Output>>(),
  };
  readonly #loops = new Set<StreamQueue<Output>>();
  readonly #done: Promise<Output>;
  #resolveDone!: (value: Output) => void;
  #rejectDone!: (error: unknown) => void;
  #state: 'open' | 'done' | 'error' = 'open';
  #error: unknown;
  #last: Output | undefined;
  #requestId = '';
  #bytes = 0;
  readonly #idleMs: number;
  #lastActivity = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #paused = false;
  #drained: (() => void) | undefined;
  readonly #detachSignal: () => void;

  constructor(endpointId: string, ctx: FalContext, options: StreamOptions<Input>, url: string) {
    this.endpointId = endpointId;
    this.url = url;
    this.options = options;
    this.#ctx = ctx;
    this.#idleMs = options.timeout ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
    this.#done = new Promise<Output>((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    // `done()` may never be called: its rejection must not surface as an unhandled rejection.
    this.#done.catch(() => {});

    const external = options.signal ?? options.abortSignal;
    const onExternalAbort = () => this.abort(external?.reason);
    external?.addEventListener('abort', onExternalAbort, { once: true });
    this.#detachSignal = () => external?.removeEventListener('abort', onExternalAbort);

    if (external?.aborted) this.abort(external.reason);
    else void this.#run();
  }

  /** Adds a listener. `data` gets each event, `done` the final one, `error` the failure (not an abort by you). */
  on(type: 'data', listener: Listener<Output>): void;
  on(type: 'done', listener: Listener<Output>): void;
  on(type: 'error', listener: Listener<any>): void;
  on(type: FalStreamEventType, listener: Listener<any>): void {
    const listeners = this.#listeners[type];
    if (!listeners) throw new TypeError(`Unknown stream event "${String(type)}": use data, error or done`);
    listeners.add(listener);
  }

  /** Removes a listener added with `on`. */
  off(type: FalStreamEventType, listener: Listener<any>): void {
    this.#listeners[type]?.delete(listener);
  }

  /** Resolves with the final event (the result); rejects with the error, or `AbortError` after `abort()`. */
  done = (): Promise<Output> => this.#done;

  /** Aborts the request (no-op once the stream has ended). `done()` and loops reject with `AbortError`. */
  abort = (reason?: string | Error): void => {
    if (this.#state !== 'open') return;
    const error = toAbortError(reason);
    this.#controller.abort(error);
    this.#fail(error, { emit: false });
  };

  /** Aborts when the request is aborted (by `abort()`, your signal, a `break`, an idle timeout or an error). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** `x-fal-request-id` of the response (`''` until the response has arrived). */
  get requestId(): string {
    return this.#requestId;
  }

  [Symbol.asyncIterator](): AsyncIterator<Output, undefined> {
    const loop: StreamQueue<Output> = new StreamQueue<Output>({
      onTake: () => this.#maybeResume(),
      onReturn: (queue) => {
        this.#loops.delete(queue);
        this.#maybeResume();
        if (![...this.#loops].some((other) => other.active)) this.abort('The stream loop ended early');
      },
    });
    if (this.#state === 'done') loop.end();
    else if (this.#state === 'error') loop.fail(this.#error);
    else this.#loops.add(loop);
    return loop;
  }

  async #run(): Promise<void> {
    try {
      this.#touch();
      const response = await this.#open();
      this.#requestId = response.headers.get('x-fal-request-id') ?? '';
      if (!response.body) throw this.#emptyBody();
      const body = this.#countActivity(response.body);
      if ((response.headers.get('content-type') ?? '').startsWith(EVENT_STREAM)) {
        for await (const data of readServerSentEvents(new Response(body))) {
          const pause = this.#deliver(parseEvent(data) as Output);
          if (pause) await pause;
        }
      } else {
        const reader = body.getReader();
        try {
          while (true) {
            const { done, value } = await reader.read();
            if (done) break;
            const pause = this.#deliver(value as Output);
            if (pause) await pause;
          }
        } finally {
          reader.releaseLock();
        }
      }
      if (this.#bytes === 0) throw this.#emptyBody();
      this.#finish();
    } catch (error) {
      const { signal } = this.#controller;
      const method = (this.options.method ?? 'post').toUpperCase();
      this.#fail(signal.aborted ? signal.reason : toNetworkError(error, method, this.url), { emit: true });
    } finally {
      this.#stopIdleTimer();
      this.#detachSignal();
    }
  }

  async #open(): Promise<Response> {
    const { options } = this;
    const method = (options.method ?? 'post').toUpperCase();
    const accept = options.accept ?? EVENT_STREAM;
    const sendsBody = method !== 'GET' && method !== 'HEAD' && options.input !== undefined;
    const url = method === 'GET' ? withInputQuery(this.url, options.input) : this.url;
    const signal = this.#controller.signal;

    if (options.connectionMode === 'client') {
      return fetchWithClientToken(this.#ctx, this.endpointId, url, {
        method,
        accept,
        body: sendsBody ? JSON.stringify(options.input) : undefined,
        signal,
        tokenProvider: options.tokenProvider,
      });
    }

    const policy = this.#ctx.retryPolicy('stream');
    return this.#ctx.request({
      method: method as 'POST',
      url,
      ...(sendsBody ? { json: options.input } : {}),
      headers: { accept },
      signal,
      // Only transport failures before any response are retried, never an answer (even a 5xx): fal
      // cancels a direct run whose connection drops, while an answered request may already have run.
      retry: policy && { ...policy, retryableStatuses: [] },
    });
  }

  /** Returns a promise when a loop has fallen too far behind; reading resumes once it catches up. */
  #deliver(value: Output): Promise<void> | undefined {
    this.#last = value;
    for (const listener of this.#listeners.data) listener(value);
    let full = false;
    for (const loop of this.#loops) {
      loop.push(value);
      if (loop.size >= STREAM_HIGH_WATER_MARK) full = true;
    }
    if (!full) return undefined;
    this.#paused = true;
    this.#stopIdleTimer();
    return new Promise<void>((resolve) => {
      this.#drained = resolve;
      this.#maybeResume();
    });
  }

  #maybeResume(): void {
    if (!this.#drained) return;
    const behind = [...this.#loops].some((loop) => loop.active && loop.size >= STREAM_HIGH_WATER_MARK / 2);
    if (behind && this.#state === 'open') return;
    const resume = this.#drained;
    this.#drained = undefined;
    this.#paused = false;
    if (this.#state === 'open') this.#touch();
    resume();
  }

  #finish(): void {
    if (this.#state !== 'open') return;
    this.#state = 'done';
    this.#stopIdleTimer();
    const last = this.#last as Output;
    for (const loop of this.#loops) loop.end();
    this.#loops.clear();
    this.#resolveDone(last);
    for (const listener of this.#listeners.done) callSafely(() => listener(last));
  }

  #fail(error: unknown, { emit }: { emit: boolean }): void {
    if (this.#state !== 'open') return;
    this.#state = 'error';
    this.#error = error;
    this.#stopIdleTimer();
    if (!this.#controller.signal.aborted) this.#controller.abort(error);
    for (const loop of this.#loops) loop.fail(error);
    this.#loops.clear();
    this.#maybeResume();
    this.#rejectDone(error);
    if (emit) for (const listener of this.#listeners.error) callSafely(() => listener(error));
  }

  /** Counts bytes and records activity for the idle timeout as chunks arrive. */
  #countActivity(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, controller) => {
          this.#bytes += chunk.byteLength;
          this.#touch();
          controller.enqueue(chunk);
        },
      }),
    );
  }

  /** Records activity; the idle timer re-arms itself lazily so busy streams set no timer per chunk. */
  #touch(): void {
    this.#lastActivity = Date.now();
    if (this.#idleTimer === undefined && !this.#paused && Number.isFinite(this.#idleMs)) {
      this.#armIdleTimer(this.#idleMs);
    }
  }

  #armIdleTimer(ms: number): void {
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#state !== 'open' || this.#paused) return;
      const idle = Date.now() - this.#lastActivity;
      if (idle < this.#idleMs) {
        this.#armIdleTimer(this.#idleMs - idle);
        return;
      }
      const error = new TimeoutError(this.#idleMs, this.#requestId || undefined);
      error.message = `The stream received nothing for ${this.#idleMs} ms and was aborted`;
      this.#controller.abort(error);
      this.#fail(error, { emit: true });
    }, ms);
  }

  #stopIdleTimer(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #emptyBody(): ApiError {
    return new ApiError({
      message: 'Response body is empty.',
      status: 400,
      requestId: this.#requestId || undefined,
    });
  }
}

function parseEvent(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    const preview = data.length > 80 ? `${data.slice(0, 80)}…` : data;
    throw new FalError(`Stream event is not JSON: ${preview}`, { cause });
  }
}

function toAbortError(reason: unknown): unknown {
  if (reason instanceof Error || (typeof DOMException !== 'undefined' && reason instanceof DOMException)) {
    return reason;
  }
  return new DOMException(typeof reason === 'string' ? reason : 'The stream was aborted.', 'AbortError');
}

function withInputQuery(url: string, input: unknown): string {
  if (input === undefined || input === null || typeof input !== 'object') return url;
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined)
      parsed.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return parsed.toString();
}
