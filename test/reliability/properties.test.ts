/**
 * Property tests (fast-check): the SSE reader against arbitrary chunkings of valid streams (events out
 * = events in, UTF-8 split at any byte), the public `stream()` API over the same chunkings, and
 * arbitrary JSON inputs through auto-upload (`storage.transformInput`): unchanged except Blob → URL.
 */
import { createFalClient } from '@falkit/core';
import { createEmulator } from '@falkit/emulator';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
// The reader is internal; it is the piece every status stream and FalStream is built on.
import { readServerSentEvents } from '../../packages/core/src/sse/readServerSentEvents';
import { record } from './support/summary';

const RUNS = 200;

/** A body made of these byte chunks, each delivered as its own read. */
function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
}

/** Cuts `bytes` at the given positions (any byte offset: inside UTF-8 sequences too). */
function cut(bytes: Uint8Array, positions: number[]): Uint8Array[] {
  const points = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return chunks;
}

/** Event data: any Unicode text (astral planes included), multi-line, without CR (a line ending in SSE). */
const eventData = fc.string({ unit: 'binary', maxLength: 40 }).map((text) => text.replaceAll('\r', ''));

interface SseEvent {
  data: string;
  event?: string;
  id?: string;
  /** A keep-alive comment before the event. */
  comment?: string;
}

const sseEvent: fc.Arbitrary<SseEvent> = fc.record(
  {
    data: eventData,
    event: fc.constantFrom('message', 'status', 'update'),
    id: fc.stringMatching(/^[a-z0-9-]{1,8}$/),
    comment: fc.constantFrom('', 'keep-alive', 'ping'),
  },
  { requiredKeys: ['data'] },
);

const lineEnding = fc.constantFrom('\n', '\r\n', '\r');

function serialise(events: SseEvent[], eol: string): string {
  return events
    .map((event) => {
      const lines: string[] = [];
      if (event.comment !== undefined) lines.push(`:${event.comment}`);
      if (event.event) lines.push(`event: ${event.event}`);
      if (event.id) lines.push(`id: ${event.id}`);
      for (const line of event.data.split('\n')) lines.push(`data: ${line}`);
      return `${lines.join(eol)}${eol}${eol}`;
    })
    .join('');
}

async function readAll(chunks: Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of readServerSentEvents(new Response(bodyOf(chunks)))) out.push(data);
  return out;
}

describe('SSE reader', () => {
  it('delivers the same events for any chunking of a valid stream (UTF-8 split anywhere, any line ending)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sseEvent, { maxLength: 12 }),
        lineEnding,
        fc.array(fc.nat(), { maxLength: 30 }),
        async (events, eol, positions) => {
          const bytes = new TextEncoder().encode(serialise(events, eol));
          expect(await readAll(cut(bytes, positions))).toEqual(events.map((event) => event.data));
        },
      ),
      { numRuns: RUNS },
    );
    record({
      suite: 'properties',
      name: 'SSE reader: arbitrary chunkings of valid streams',
      outcome: `${RUNS} random streams, events out = events in`,
      propertyRuns: RUNS,
    });
  });

  it('decodes every code point when the stream arrives one byte at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventData, { minLength: 1, maxLength: 5 }), async (datas) => {
        const bytes = new TextEncoder().encode(
          serialise(
            datas.map((data) => ({ data })),
            '\n',
          ),
        );
        const oneByOne = Array.from(bytes, (byte) => Uint8Array.of(byte));
        expect(await readAll(oneByOne)).toEqual(datas);
      }),
      { numRuns: RUNS / 2 },
    );
    record({
      suite: 'properties',
      name: 'SSE reader: UTF-8 split at every byte',
      outcome: `${RUNS / 2} random streams fed byte by byte, text intact`,
      propertyRuns: RUNS / 2,
    });
  });

  it('an event cut off before its blank line is dropped, the ones before it are kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sseEvent, { minLength: 1, maxLength: 6 }),
        eventData,
        async (events, tail) => {
          const text = `${serialise(events, '\n')}data: ${tail.split('\n').join('\ndata: ')}`;
          expect(await readAll([new TextEncoder().encode(text)])).toEqual(events.map((event) => event.data));
        },
      ),
      { numRuns: RUNS / 2 },
    );
    record({
      suite: 'properties',
      name: 'SSE reader: truncated final event',
      outcome: `${RUNS / 2} random streams, complete events kept, partial one dropped`,
      propertyRuns: RUNS / 2,
    });
  });
});

describe('stream() over arbitrary chunkings', () => {
  it('for await yields every JSON event (falsy ones too) whatever the chunking', async () => {
    const jsonEvent = fc.oneof(
      fc.constantFrom(0, null, false, '', [], {}),
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ output: fc.string({ unit: 'binary', maxLength: 30 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonEvent, { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (events, positions) => {
          const text = events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');
          const chunks = cut(new TextEncoder().encode(text), positions);
          const client = createFalClient({
            credentials: 'property-key',
            retry: false,
            fetch: async () =>
              new Response(bodyOf(chunks), { headers: { 'content-type': 'text/event-stream' } }),
          });
          const stream = await client.stream('falkit/echo', { input: {} });
          const received: unknown[] = [];
          for await (const event of stream) received.push(event);
          // JSON round trip: -0 becomes 0, as it would on the wire.
          expect(received).toEqual(JSON.parse(JSON.stringify(events)));
          expect(await stream.done()).toEqual(received.at(-1));
        },
      ),
      { numRuns: RUNS },
    );
    record({
      suite: 'properties',
      name: 'stream(): arbitrary chunkings of JSON events',
      outcome: `${RUNS} random streams, every event delivered in order`,
      propertyRuns: RUNS,
    });
  });
});

describe('auto-upload (storage.transformInput)', () => {
  const emulator = createEmulator({ speed: 0 });
  afterAll(() => emulator.close());
  const client = createFalClient({
    credentials: 'property-key',
    baseUrl: 'http://emulator.test',
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });

  /** Where a Blob goes in the generated input, with the bytes it must carry. */
  class BlobSpot {
    constructor(readonly bytes: Uint8Array) {}
  }

  type Tree = null | boolean | number | string | BlobSpot | Tree[] | { [key: string]: Tree };

  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.jsonValue({ maxDepth: 0 }) as fc.Arbitrary<Tree>,
      fc.uint8Array({ maxLength: 48 }).map((bytes) => new BlobSpot(bytes)),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('tree'), { maxKeys: 4 }),
    ),
  }));

  /** The input a caller would pass: the tree with real Blobs at the BlobSpots. */
  function materialise(value: Tree): unknown {
    if (value instanceof BlobSpot)
      return new Blob([value.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    if (Array.isArray(value)) return value.map(materialise);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, materialise(item)]));
    }
    return value;
  }

  /** Output must equal the tree, with each BlobSpot now a URL serving exactly its bytes. */
  function check(spec: Tree, output: unknown, path: string): number {
    if (spec instanceof BlobSpot) {
      expect(typeof output, path).toBe('string');
      const stored = emulator.storage.get(output as string);
      expect(stored, path).toBeDefined();
      expect(new Uint8Array(stored!.bytes), path).toEqual(spec.bytes);
      return 1;
    }
    if (Array.isArray(spec)) {
      expect(Array.isArray(output), path).toBe(true);
      expect((output as unknown[]).length, path).toBe(spec.length);
      return spec.reduce<number>(
        (n, item, i) => n + check(item, (output as unknown[])[i], `${path}[${i}]`),
        0,
      );
    }
    if (spec !== null && typeof spec === 'object') {
      expect(Object.keys(output as object).sort(), path).toEqual(Object.keys(spec).sort());
      return Object.entries(spec).reduce(
        (n, [key, item]) =>
          n + check(item, Object.getOwnPropertyDescriptor(output, key)?.value, `${path}.${key}`),
        0,
      );
    }
    expect(output, path).toEqual(spec);
    return 0;
  }

  it('arbitrary JSON inputs come back unchanged except Blob → URL (and the input is not modified)', async () => {
    let blobs = 0;
    await fc.assert(
      fc.asyncProperty(tree, async (spec) => {
        const input = materialise(spec);
        const before = materialise(spec);
        const output = await client.storage.transformInput(input);
        blobs += check(spec, output, 'input');
        // The caller's object is left as it was (Blobs still Blobs).
        expect(input).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    record({
      suite: 'properties',
      name: 'transformInput: arbitrary JSON with Blobs anywhere',
      outcome: `${RUNS} random inputs (${blobs} Blobs), unchanged except Blob → URL serving the same bytes`,
      propertyRuns: RUNS,
    });
  });

  it('keeps an own "__proto__" key (as JSON.parse makes it) instead of changing the prototype', async () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "file": null}') as Record<string, unknown>;
    input.file = new Blob(['x']);
    const output = (await client.storage.transformInput(input)) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(output, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(JSON.stringify(output)).toContain('"__proto__":{"polluted":true}');
  });
});
