import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, type ListeningEmulator, type Recording, createEmulator } from '@falkit/emulator';
import { createEmulatorHandlers } from '@falkit/emulator/msw';
import { loadCassette } from '@falkit/emulator/node';
import { deferred, readSse } from './helpers.js';

// End to end: a second emulator plays the paid upstream; the recorder forwards to it with the
// server's key; then the upstream is gone and a replaying emulator answers from the cassette alone.

const UPSTREAM_KEY = 'upstream-secret-key-123';
const LOCAL_KEY = 'local-key-456';
const IMAGE_INPUT = {
  prompt: 'a lighthouse',
  image_size: { width: 16, height: 12 },
  num_inference_steps: 3,
  seed: 5,
};
const ECHO_INPUT = { greeting: 'hello', note: 'private-note-789' };
const LLM_INPUT = { prompt: 'count to three' };

interface Seen {
  submitPosition: number;
  statuses: { status: string; queue_position?: number; logs: string[] }[];
  result: { images: { url: string }[]; seed: number };
  image: Buffer;
  run: unknown;
  stream: unknown[];
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out.sort();
}

function summarize(events: unknown[]): Seen['statuses'] {
  return (events as { status: string; queue_position?: number; logs?: { message: string }[] | null }[]).map(
    (event) => ({
      status: event.status,
      ...(event.queue_position !== undefined && { queue_position: event.queue_position }),
      logs: (event.logs ?? []).map((entry) => entry.message),
    }),
  );
}

/** What a client sees of one queued request, one run and one stream, through `origin`. */
async function useClient(origin: string, beforeRelease?: () => Promise<void>): Promise<Seen> {
  const auth = { authorization: `Key ${LOCAL_KEY}`, 'content-type': 'application/json' };
  const submitted = (await (
    await fetch(`${origin}/queue.fal.run/fal-ai/fast-sdxl`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(IMAGE_INPUT),
    })
  ).json()) as { queue_position: number; status_url: string; response_url: string };
  expect(submitted.status_url.startsWith(`${origin}/queue.fal.run/fal-ai/fast-sdxl/requests/`)).toBe(true);
  const streamed = fetch(`${submitted.status_url}/stream?logs=1`, { headers: auth }).then(readSse);
  await beforeRelease?.();
  const statuses = summarize(await streamed);
  const result = (await (await fetch(submitted.response_url, { headers: auth })).json()) as Seen['result'];
  expect(result.images[0]!.url.startsWith(`${origin}/v3.fal.media/files/`)).toBe(true);
  const image = Buffer.from(await (await fetch(result.images[0]!.url)).arrayBuffer());
  const run = await (
    await fetch(`${origin}/fal.run/falkit/echo`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(ECHO_INPUT),
    })
  ).json();
  const stream = await readSse(
    await fetch(`${origin}/fal.run/fal-ai/any-llm/stream`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(LLM_INPUT),
    }),
  );
  return { submitPosition: submitted.queue_position, statuses, result, image, run, stream };
}

describe('record, then replay with the upstream gone', () => {
  let dir: string;
  let recorded: Seen;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'falkit-cassette-'));
    const upstream = createEmulator({ speed: 0, workers: 1, key: UPSTREAM_KEY });
    const gates = [deferred(), deferred()];
    let opened = 0;
    upstream.app('acme/gate', () => gates[opened++]!.promise.then(() => ({ ok: true })));
    const upstreamServer = await upstream.listen();
    const recorder = createEmulator({
      key: LOCAL_KEY,
      record: {
        cassette: dir,
        upstream: upstreamServer.url,
        key: UPSTREAM_KEY,
        redact: (recording) => {
          if (recording.endpoint !== 'falkit/echo') return recording;
          return {
            ...recording,
            input: { ...(recording.input as object), note: '[redacted]' },
            result: {
              ...recording.result,
              body: { ...(recording.result.body as object), note: '[redacted]' },
            },
          };
        },
      },
    });
    const recorderServer = await recorder.listen();
    // Two requests ahead: one running, one waiting, so the recorded request sees positions 1 then 0.
    for (let i = 0; i < 2; i++) {
      await fetch(`${upstreamServer.url}/queue.fal.run/acme/gate`, {
        method: 'POST',
        headers: { authorization: `Key ${UPSTREAM_KEY}` },
        body: '{}',
      });
    }
    recorded = await useClient(recorderServer.url, async () => {
      // Both the client's stream and the recorder's own follow the request before the queue moves.
      await vi.waitFor(
        () =>
          expect(upstream.requests().filter((entry) => entry.path.endsWith('/status/stream'))).toHaveLength(
            2,
          ),
        { timeout: 10_000 },
      );
      gates[0]!.resolve();
      gates[1]!.resolve();
    });
    await recorder.close(); // waits for the recordings to be written
    await upstream.close();
  });

  afterAll(async () => {
    if (process.env.KEEP_CASSETTE) console.log('cassette at', dir);
    else await rm(dir, { recursive: true, force: true });
  });

  it('records queue positions, logs, the result and its file while the client sees the upstream', async () => {
    expect(recorded.submitPosition).toBe(1);
    expect(recorded.statuses.map((status) => status.queue_position ?? status.status)).toEqual([
      1,
      0,
      'IN_PROGRESS',
      ...recorded.statuses.slice(3, -1).map(() => 'IN_PROGRESS'),
      'COMPLETED',
    ]);
    expect(recorded.statuses.flatMap((status) => status.logs)).toContain('Step 3/3');
    expect([...recorded.image.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(recorded.run).toEqual(ECHO_INPUT);
    expect((recorded.stream.at(-1) as { partial: boolean }).partial).toBe(false);
  });

  it('writes a documented, diffable cassette without keys or redacted data', async () => {
    const paths = (await files(dir)).map((path) => path.slice(dir.length + 1));
    expect(paths.filter((path) => path.startsWith('requests/'))).toEqual([
      expect.stringMatching(/^requests\/fal-ai\/any-llm\/stream-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^requests\/fal-ai\/fast-sdxl\/queue-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^requests\/falkit\/echo\/run-[0-9a-f]{16}\.json$/),
    ]);
    expect(paths.filter((path) => path.startsWith('files/'))).toEqual([
      expect.stringMatching(/^files\/v3\.fal\.media\/files\/[0-9a-f]+\/[\w-]+\.png$/),
    ]);
    for (const path of await files(dir)) {
      const text = (await readFile(path)).toString('latin1');
      expect(text).not.toContain(UPSTREAM_KEY);
      expect(text).not.toContain(LOCAL_KEY);
      expect(text).not.toContain('private-note-789');
      expect(text).not.toMatch(/127\.0\.0\.1/); // URLs are stored in their real https:// form
    }
    const image = JSON.parse(
      await readFile(join(dir, paths.find((path) => path.includes('fast-sdxl'))!), 'utf8'),
    ) as Recording;
    expect(image).toMatchObject({
      version: 1,
      endpoint: 'fal-ai/fast-sdxl',
      mode: 'queue',
      submitPosition: 1,
    });
    expect(image.input).toEqual(IMAGE_INPUT);
    expect(image.statuses!.map((status) => status.at)).toEqual(
      [...image.statuses!.map((status) => status.at)].sort((a, b) => a - b),
    );
    const [url] = Object.keys(image.files);
    expect(url).toMatch(/^https:\/\/v3\.fal\.media\/files\//);
    expect((image.result.body as Seen['result']).images[0]!.url).toBe(url);
    const cassette = await loadCassette(dir);
    expect(Buffer.from(cassette.files.get(url!)!.bytes).equals(recorded.image)).toBe(true);
  });

  describe('replay', () => {
    let replay: Emulator;
    let server: ListeningEmulator;
    beforeAll(async () => {
      replay = createEmulator({ speed: 0, key: LOCAL_KEY, replay: { cassette: dir } });
      server = await replay.listen();
    });
    afterAll(() => replay.close());

    it('serves the same queue positions, logs, result, file bytes, run and stream', async () => {
      const replayed = await useClient(server.url);
      expect(replayed.submitPosition).toBe(recorded.submitPosition);
      expect(replayed.statuses).toEqual(recorded.statuses);
      expect(replayed.result.seed).toBe(recorded.result.seed);
      expect(replayed.image.equals(recorded.image)).toBe(true);
      expect(replayed.run).toEqual({ ...ECHO_INPUT, note: '[redacted]' });
      expect(replayed.stream).toEqual(recorded.stream);
    });

    it('answers polling with the cumulative logs and the recorded result', async () => {
      const submitted = (await (
        await fetch(`${server.url}/queue.fal.run/fal-ai/fast-sdxl`, {
          method: 'POST',
          headers: { authorization: `Key ${LOCAL_KEY}` },
          // Key order does not matter to matching.
          body: JSON.stringify({
            seed: 5,
            num_inference_steps: 3,
            image_size: { height: 12, width: 16 },
            prompt: 'a lighthouse',
          }),
        })
      ).json()) as { status_url: string };
      const status = (await (
        await fetch(`${submitted.status_url}?logs=1`, { headers: { authorization: `Key ${LOCAL_KEY}` } })
      ).json()) as { status: string; logs: { message: string }[] };
      expect(status.status).toBe('COMPLETED');
      expect(status.logs.map((entry) => entry.message)).toEqual(
        recorded.statuses.flatMap((entry) => entry.logs),
      );
    });

    it('fails an unrecorded request loudly', async () => {
      const response = await fetch(`${server.url}/fal.run/falkit/echo`, {
        method: 'POST',
        headers: { authorization: `Key ${LOCAL_KEY}` },
        body: JSON.stringify({ greeting: 'never recorded' }),
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-fal-error-type')).toBe('replay_miss');
      expect(((await response.json()) as { detail: string }).detail).toMatch(
        /no run recording of falkit\/echo/,
      );
    });

    it("falls through to the stand-ins with onMiss: 'stand-ins'", async () => {
      const lenient = createEmulator({ speed: 0, replay: { cassette: dir, onMiss: 'stand-ins' } });
      const miss = await lenient.fetch(
        new Request('http://emu.test/fal.run/falkit/echo', { method: 'POST', body: '{"greeting":"live"}' }),
      );
      expect(await miss.json()).toEqual({ greeting: 'live' });
      const hit = await lenient.fetch(
        new Request('http://emu.test/fal.run/falkit/echo', {
          method: 'POST',
          body: JSON.stringify(ECHO_INPUT),
        }),
      );
      expect(await hit.json()).toEqual({ ...ECHO_INPUT, note: '[redacted]' });
      await lenient.close();
    });

    it('replays through msw handlers, at the real hosts', async () => {
      const msw = setupServer(...createEmulatorHandlers(replay));
      msw.listen({ onUnhandledRequest: 'error' });
      try {
        const response = await fetch('https://fal.run/falkit/echo', {
          method: 'POST',
          headers: { authorization: `Key ${LOCAL_KEY}` },
          body: JSON.stringify(ECHO_INPUT),
        });
        expect(await response.json()).toEqual({ ...ECHO_INPUT, note: '[redacted]' });
      } finally {
        msw.close();
      }
    });
  });

  it('replays at the recorded times, scaled by speed', async () => {
    let clock = 1_000_000;
    const replay = createEmulator({ speed: 2, now: () => clock, replay: { cassette: dir } });
    const recording = (await loadCassette(dir)).recordings.find((entry) => entry.mode === 'queue')!;
    const statuses = recording.statuses!;
    const submit = await replay.fetch(
      new Request('http://emu.test/queue.fal.run/fal-ai/fast-sdxl', {
        method: 'POST',
        body: JSON.stringify(IMAGE_INPUT),
      }),
    );
    const { status_url: statusUrl, response_url: responseUrl } = (await submit.json()) as {
      status_url: string;
      response_url: string;
    };
    const statusAt = async (ms: number) => {
      clock = 1_000_000 + ms;
      return (await (await replay.fetch(new Request(statusUrl))).json()) as {
        status: string;
        queue_position?: number;
      };
    };
    expect(await statusAt(0)).toMatchObject({ status: 'IN_QUEUE', queue_position: 1 });
    const completedAt = statuses.at(-1)!.at;
    // At each recorded moment (times 2), the latest status recorded by then.
    for (const at of new Set(statuses.map((status) => status.at))) {
      const expected = statuses.filter((status) => status.at <= at).at(-1)!;
      const seen = await statusAt(at * 2);
      expect(seen.status).toBe(expected.status);
      expect(seen.queue_position).toBe(expected.queue_position);
    }
    if (completedAt > 0) {
      expect((await statusAt(completedAt * 2 - 1)).status).not.toBe('COMPLETED');
      expect((await replay.fetch(new Request(responseUrl))).status).toBe(400);
    }
    expect((await statusAt(completedAt * 2)).status).toBe('COMPLETED');
    expect((await replay.fetch(new Request(responseUrl))).status).toBe(200);
    await replay.close();
  });

  it('refuses record and replay together', () => {
    expect(() => createEmulator({ record: { cassette: dir }, replay: { cassette: dir } })).toThrow(TypeError);
  });
});
