import { type EventSourceMessage, createParser } from 'eventsource-parser';
import { abortReason } from '../errors/abortError';

/** The stream sent nothing, not even a keep-alive comment, for too long: the connection is presumed dead. */
export class StreamIdleError extends Error {
  constructor(idleMs: number) {
    super(`No data on the event stream for ${idleMs} ms`);
    this.name = 'StreamIdleError';
  }
}

/**
 * Yield the `data` of every Server-Sent Event in a response body, as soon as it is parsed.
 * UTF-8 is decoded in streaming mode, so a character split across chunks survives. Comments
 * (keep-alives) and event names are ignored, like the official clients do. Ending the iteration
 * early (`break` / `return()`) cancels the body so the connection is released. `signal` cancels the
 * body too — needed because not every fetch implementation ties its signal to the body stream.
 */
export async function* readServerSentEvents(
  response: Response,
  signal?: AbortSignal,
  /** Fail with `StreamIdleError` when no bytes (keep-alive comments included) arrive for this long. */
  idleTimeoutMs?: number,
): AsyncGenerator<string, void, undefined> {
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending: string[] = [];
  const parser = createParser({
    onEvent: (event: EventSourceMessage) => {
      pending.push(event.data);
    },
  });
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  let lastText = '';
  try {
    while (true) {
      if (signal?.aborted) throw abortReason(signal);
      let idle = false;
      const watchdog =
        idleTimeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              idle = true;
              reader.cancel().catch(() => {});
            }, idleTimeoutMs);
      const { done, value } = await reader.read().finally(() => clearTimeout(watchdog));
      if (signal?.aborted) throw abortReason(signal);
      if (idle) throw new StreamIdleError(idleTimeoutMs!);
      if (done) {
        finished = true;
        // An event cut off before its blank line is discarded, as the SSE spec says. A final CR ends a
        // line, but the parser holds it back in case LF follows: the LF completes it as CRLF.
        const rest = decoder.decode();
        parser.feed(rest);
        if ((rest || lastText).endsWith('\r')) parser.feed('\n');
        yield* pending.splice(0);
        return;
      }
      const text = decoder.decode(value, { stream: true });
      if (text) lastText = text;
      parser.feed(text);
      while (pending.length > 0) yield pending.shift()!;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
