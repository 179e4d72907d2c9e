import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { CliUsageError, main } from '../src/cli.js';
import { readSse } from './helpers.js';

// The CLI's record and replay modes, end to end on free loopback ports: a second in-process
// emulator plays the paid upstream, `--record` forwards to it with FAL_KEY, then `--replay`
// answers from the cassette with the upstream gone.

const UPSTREAM_KEY = 'cli-upstream-key-321';
const LOCAL_KEY = 'cli-local-key-654';
const ECHO_INPUT = { greeting: 'hello from the cli' };
const IMAGE_INPUT = {
  prompt: 'a harbour',
  image_size: { width: 8, height: 6 },
  num_inference_steps: 2,
  seed: 3,
};
const quiet = { log: () => {}, error: () => {} };
const auth = { authorization: `Key ${LOCAL_KEY}`, 'content-type': 'application/json' };

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

/** A run, a stream and a queued image through `origin`: what a client sees of each. */
async function useClient(origin: string) {
  const run = await (
    await fetch(`${origin}/fal.run/falkit/echo`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(ECHO_INPUT),
    })
  ).json();
  const stream = await readSse(
    await fetch(`${origin}/fal.run/falkit/echo/stream`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ events: 2 }),
    }),
  );
  const submitted = (await (
    await fetch(`${origin}/queue.fal.run/fal-ai/fast-sdxl`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(IMAGE_INPUT),
    })
  ).json()) as { status_url: string; response_url: string };
  const statuses = await readSse(await fetch(`${submitted.status_url}/stream?logs=1`, { headers: auth }));
  const result = (await (await fetch(submitted.response_url, { headers: auth })).json()) as {
    images: { url: string }[];
  };
  const imageUrl = result.images[0]!.url;
  expect(imageUrl.startsWith(`${origin}/v3.fal.media/files/`)).toBe(true);
  const image = Buffer.from(await (await fetch(imageUrl)).arrayBuffer());
  const logs = (statuses as { logs?: { message: string }[] | null }[]).flatMap((status) =>
    (status.logs ?? []).map((entry) => entry.message),
  );
  return { run, stream, logs, image };
}

describe('falkit-emulator --record / --replay', () => {
  let dir: string;
  let recorded: Awaited<ReturnType<typeof useClient>>;
  let server: ListeningEmulator | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'falkit-cli-cassette-'));
    const upstream = createEmulator({ speed: 0, key: UPSTREAM_KEY });
    const upstreamServer = await upstream.listen();
    const lines: string[] = [];
    const recorder = await main(
      ['--port', '0', '--key', LOCAL_KEY, '--record', dir, '--upstream', upstreamServer.url],
      { log: (line) => lines.push(line), error: () => {} },
      { FAL_KEY: UPSTREAM_KEY },
    );
    expect(lines).toEqual([
      `falkit emulator listening on ${recorder.url}`,
      `recording to ${dir} from ${upstreamServer.url}`,
    ]);
    try {
      recorded = await useClient(recorder.url);
    } finally {
      await recorder.close(); // waits for the recordings to be written
      await upstream.close();
    }
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records through the upstream with the FAL_KEY, which never reaches disk', async () => {
    expect(recorded.run).toEqual(ECHO_INPUT);
    expect(recorded.stream.at(-1)).toEqual({ events: 2 });
    expect(recorded.logs).toContain('Step 2/2');
    expect([...recorded.image.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // PNG
    const paths = await files(dir);
    expect(paths.map((path) => path.slice(dir.length + 1)).sort()).toEqual([
      expect.stringMatching(/^files\/v3\.fal\.media\/files\/[0-9a-f]+\/[\w-]+\.png$/),
      expect.stringMatching(/^requests\/fal-ai\/fast-sdxl\/queue-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^requests\/falkit\/echo\/run-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^requests\/falkit\/echo\/stream-[0-9a-f]{16}\.json$/),
    ]);
    for (const path of paths) {
      const text = (await readFile(path)).toString('latin1');
      expect(text).not.toContain(UPSTREAM_KEY);
      expect(text).not.toContain(LOCAL_KEY);
    }
  });

  it('replays the cassette with the upstream gone', async () => {
    const lines: string[] = [];
    server = await main(['--port', '0', '--speed', '0', '--key', LOCAL_KEY, '--replay', dir], {
      log: (line) => lines.push(line),
      error: () => {},
    });
    expect(lines).toEqual([
      `falkit emulator listening on ${server.url}`,
      `replaying 3 recordings from ${dir} (unrecorded requests: error)`,
    ]);
    const replayed = await useClient(server.url);
    expect(replayed.run).toEqual(recorded.run);
    expect(replayed.stream).toEqual(recorded.stream);
    expect(replayed.logs).toEqual(recorded.logs);
    expect(replayed.image.equals(recorded.image)).toBe(true);

    const miss = await fetch(`${server.url}/fal.run/falkit/echo`, {
      method: 'POST',
      headers: auth,
      body: '{"greeting":"never recorded"}',
    });
    expect(miss.status).toBe(404);
    expect(miss.headers.get('x-fal-error-type')).toBe('replay_miss');
  });

  it('lets the stand-ins answer unrecorded requests with --on-miss stand-ins', async () => {
    server = await main(['--port', '0', '--speed', '0', '--replay', dir, '--on-miss', 'stand-ins'], quiet);
    const miss = await fetch(`${server.url}/fal.run/falkit/echo`, { method: 'POST', body: '{"live":true}' });
    expect(await miss.json()).toEqual({ live: true });
  });

  it('keeps --key: without it nobody spends the FAL_KEY or reads the cassette', async () => {
    const upstream = createEmulator({ speed: 0, key: UPSTREAM_KEY });
    const upstreamServer = await upstream.listen();
    const scratch = await mkdtemp(join(tmpdir(), 'falkit-cli-cassette-'));
    try {
      server = await main(
        ['--port', '0', '--key', LOCAL_KEY, '--record', scratch, '--upstream', upstreamServer.url],
        quiet,
        { FAL_KEY: UPSTREAM_KEY },
      );
      for (const headers of [{}, { authorization: 'Key wrong' }] as Record<string, string>[]) {
        const denied = await fetch(`${server.url}/fal.run/falkit/echo`, {
          method: 'POST',
          headers,
          body: '{}',
        });
        expect(denied.status).toBe(401);
      }
      expect(upstream.requests()).toEqual([]);
    } finally {
      await server?.close();
      server = undefined;
      await upstream.close();
      await rm(scratch, { recursive: true, force: true });
    }

    server = await main(['--port', '0', '--speed', '0', '--key', LOCAL_KEY, '--replay', dir], quiet);
    const denied = await fetch(`${server.url}/fal.run/falkit/echo`, {
      method: 'POST',
      body: JSON.stringify(ECHO_INPUT),
    });
    expect(denied.status).toBe(401);
  });

  it('refuses flags that cannot work, before listening', async () => {
    const usage = (argv: string[], env = {}) => expect(main(['--port', '0', ...argv], quiet, env)).rejects;
    await usage(['--record', dir]).toThrow('FAL_KEY'); // fal.ai itself needs the key
    await usage(['--upstream', 'http://127.0.0.1:9']).toThrow('--upstream needs --record');
    await usage(['--record', dir, '--upstream', 'not a url']).toThrow('Invalid --upstream');
    await usage(['--record', dir, '--replay', dir]).toThrow('cannot be combined');
    await usage(['--on-miss', 'error']).toThrow('--on-miss needs --replay');
    await usage(['--replay', dir, '--on-miss', 'maybe']).toThrow('Invalid --on-miss');
    await usage(['--replay', join(dir, 'missing')]).toThrow('holds no recordings');
    await usage(['--record', dir]).toBeInstanceOf(CliUsageError);
  });
});
