import type { AppContext } from '../apps/appTypes.js';

/**
 * What a realtime handler receives for one input message: the same context as an HTTP app
 * (`input`, `sleep`, `upload`, `readFile`, `signal`, …). `requestId` is the input's `request_id`
 * when it carried one, otherwise a fresh id. `signal` aborts when the socket closes.
 */
export type RealtimeContext = AppContext;

/**
 * Answers one realtime input. Return (or resolve) one output, or be an async generator to send
 * several outputs for one input. Throwing sends an `x-fal-error` frame and keeps the socket open.
 */
export type RealtimeHandler = (
  context: RealtimeContext,
) => unknown | Promise<unknown> | AsyncIterable<unknown>;

/** The transport a session writes to: a WebSocket, or anything shaped like one in tests. */
export interface RealtimeSocket {
  /** `Uint8Array` goes out as a binary frame, `string` as a text frame. */
  send(data: Uint8Array | string): void;
  close(code: number, reason?: string): void;
  /** Drops the connection without a close frame (the client sees 1006); default: `close(1006)`. */
  terminate?(): void;
}

/** How realtime sessions behave. */
export interface RealtimeSettings {
  /** Quiet time before `x-fal-error` TIMEOUT and a close, in ms (before the speed multiplier). */
  sessionTimeoutMs: number;
  /** Inputs kept while one is being processed, when the URL gives no `max_buffering`. */
  defaultBuffering: number;
}
