import { describe, expect, test } from 'vitest';
import { readServerSentEvents } from '../src/sse/readServerSentEvents';

function chunkedResponse(chunks: Uint8Array[], onCancel?: () => void): Response {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else if (!onCancel) controller.close();
    },
    cancel: onCancel,
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readServerSentEvents', () => {
  test('decodes UTF-8 split across chunks, ignores comments and event names, keeps empty data', async () => {
    const all = bytes(': keep-alive\n\nevent: status\ndata: {"t":"héllo 🌍"}\n\ndata: \n\ndata: 0\n\n');
    // Split inside the multi-byte characters.
    const split = all.indexOf(0xc3) + 1;
    const emoji = all.indexOf(0xf0) + 2;
    const response = chunkedResponse([all.slice(0, split), all.slice(split, emoji), all.slice(emoji)]);
    const events: string[] = [];
    for await (const data of readServerSentEvents(response)) events.push(data);
    expect(events).toEqual(['{"t":"héllo 🌍"}', '', '0']);
  });

  test('an event without its closing blank line at end of stream is discarded', async () => {
    const events: string[] = [];
    for await (const data of readServerSentEvents(chunkedResponse([bytes('data: a\n\ndata: b')])))
      events.push(data);
    expect(events).toEqual(['a']);
  });

  test('return() cancels the body', async () => {
    let cancelled = false;
    const response = chunkedResponse([bytes('data: 1\n\n'), bytes('data: 2\n\n')], () => {
      cancelled = true;
    });
    for await (const data of readServerSentEvents(response)) {
      expect(data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });

  test('aborting the signal cancels a pending read and throws the abort reason', async () => {
    let cancelled = false;
    const response = chunkedResponse([bytes('data: 1\n\n')], () => {
      cancelled = true;
    });
    const controller = new AbortController();
    const events: string[] = [];
    const reading = (async () => {
      for await (const data of readServerSentEvents(response, controller.signal)) {
        events.push(data);
        if (events.length === 1) setTimeout(() => controller.abort(), 0);
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(events).toEqual(['1']);
    expect(cancelled).toBe(true);
  });
});
