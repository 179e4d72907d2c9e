/** Which requests a fault applies to. Every given field must match; omitted fields match anything. */
export interface FaultMatch {
  /** Glob on the fal host, e.g. `queue.fal.run` or `*.fal.run`. */
  host?: string;
  /** HTTP method, case-insensitive. */
  method?: string;
  /** Glob on the path (`/fal-ai/*\/requests/**`) or a RegExp; matched with and without the leading `/`. */
  path?: string | RegExp;
  /** Regular expression source for `path` (for faults added over HTTP, where RegExp cannot travel). */
  pathRegex?: string;
}

export type FaultAction =
  /** Answer with this status, headers and body instead of the real response. */
  | {
      type: 'status';
      status: number;
      headers?: Record<string, string>;
      /** Objects are sent as JSON, strings as text. Defaults to a platform error body for the status. */
      body?: unknown;
      /** Sets `Retry-After` (seconds; a 429 gets 1 by default). `null` sends no `Retry-After` at all. */
      retryAfter?: number | null;
    }
  /** An nginx HTML error page without `x-fal-request-id`: what clients classify as an ingress error. */
  | { type: 'ingress'; status?: 502 | 503 | 504 }
  /** Wait this many milliseconds (real time), then handle the request normally. */
  | { type: 'delay'; ms: number }
  /**
   * Drop the connection. `after: true` handles the request first (a submit creates its job) and
   * then drops the response, so the caller never learns the outcome.
   */
  | { type: 'drop'; after?: boolean }
  /** SSE only: end the stream after `afterEvents` events; `abrupt` resets the connection instead of closing it cleanly. */
  | { type: 'truncate'; afterEvents: number; abrupt?: boolean }
  /** SSE only: after `afterEvents` good events, send a malformed `data:` line, then close. */
  | { type: 'corrupt'; afterEvents: number }
  /**
   * Realtime (WebSocket) only: accept the connection, send `afterMessages` results (default 0),
   * then close with `code` (1006 resets the socket without a close frame).
   */
  | { type: 'close'; code: number; afterMessages?: number; reason?: string };

export type FaultSpec = FaultMatch &
  FaultAction & {
    id?: string;
    /** How many matching requests to hit (default 1). `Infinity` or `-1` means every one. */
    times?: number;
  };

/** A registered fault, with its remaining budget. */
export type Fault = FaultSpec & { id: string; remaining: number; hits: number };

export type StreamFault =
  | { type: 'truncate'; afterEvents: number; abrupt: boolean }
  | { type: 'corrupt'; afterEvents: number };
