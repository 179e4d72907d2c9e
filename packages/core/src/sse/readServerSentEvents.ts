import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Yield the `data` of every Server-Sent Event in a response body, as soon as it is parsed.
 * UTF-8 is decoded in streaming mode, so a character split across chunks survives. Comments
 * (keep-alives) and event names are ignored, like the official clients do. Ending the iteration
 * early (`break` / `return()`) cancels the body so the connection is released.
 */
export async function* readServerSentEvents(response: Response): AsyncGenerator<string, void, undefined> {
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
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        // An event cut off before its blank line is discarded, as the SSE spec says.
        parser.feed(decoder.decode());
        yield* pending.splice(0);
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      while (pending.length > 0) yield pending.shift()!;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
