/** A Server-Sent Events response body the emulator writes to event by event. */
export interface SseStream {
  readonly body: ReadableStream<Uint8Array>;
  /** Sends one `data:` event; returns false once the stream is closed. */
  send(data: unknown): boolean;
  /** Sends raw text as a `data:` line (used to corrupt streams on purpose). */
  sendRaw(text: string): boolean;
  comment(text: string): void;
  close(): void;
  /** Ends the stream with an error, which a Node server turns into a reset connection. */
  abort(reason?: unknown): void;
  readonly closed: boolean;
}

export interface SseStreamOptions {
  /** Called once when the stream ends for any reason (closed, aborted, or the client went away). */
  onEnd?: () => void;
  /** Keep-alive comment interval in ms (fal sends one every 15 s); 0 disables it. */
  keepAliveMs?: number;
}

export function createSseStream(options: SseStreamOptions = {}): SseStream {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let pendingError: { reason: unknown } | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  const end = () => {
    if (closed) return false;
    closed = true;
    if (keepAlive) clearInterval(keepAlive);
    options.onEnd?.();
    return true;
  };
  const write = (text: string) => {
    if (closed) return false;
    controller.enqueue(encoder.encode(text));
    return true;
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    // An error would discard chunks the reader has not taken yet; a reset connection still delivers
    // what was already sent, so the error waits until the queue has drained.
    pull() {
      if (pendingError) controller.error(pendingError.reason);
    },
    cancel() {
      end();
    },
  });
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  if (keepAliveMs > 0) keepAlive = setInterval(() => write(': ping\n\n'), keepAliveMs);

  return {
    body,
    send: (data) => write(`data: ${JSON.stringify(data)}\n\n`),
    sendRaw: (text) => write(`data: ${text}\n\n`),
    comment: (text) => {
      write(`: ${text}\n\n`);
    },
    close() {
      if (end()) controller.close();
    },
    abort(reason) {
      if (!end()) return;
      const error = reason ?? new Error('stream aborted');
      if ((controller.desiredSize ?? 0) >= 1) controller.error(error);
      else pendingError = { reason: error };
    },
    get closed() {
      return closed;
    },
  };
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;
