import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '@falkit/emulator';
import { createEmulatorHandlers } from '@falkit/emulator/msw';
import { readSse } from './helpers.js';

const emulator = createEmulator({ speed: 0 });
const server = setupServer(
  ...createEmulatorHandlers(emulator, { origin: 'http://fal.emulator.test', realHosts: true }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => emulator.reset());
afterAll(async () => {
  server.close();
  await emulator.close();
});

describe('msw handlers', () => {
  it('serve the emulator URL form under the given origin', async () => {
    const response = await fetch('http://fal.emulator.test/queue.fal.run/falkit/echo', {
      method: 'POST',
      body: '{"x":1}',
    });
    const body = (await response.json()) as { status_url: string };
    expect(body.status_url).toMatch(
      /^http:\/\/fal\.emulator\.test\/queue\.fal\.run\/falkit\/echo\/requests\/[\w-]+\/status$/,
    );
  });

  it('serve the real fal hosts with real-form URLs, so unmodified code works', async () => {
    const submit = await fetch('https://queue.fal.run/fal-ai/fast-sdxl', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'cat', image_size: { width: 16, height: 16 } }),
    });
    const queued = (await submit.json()) as { status_url: string; response_url: string };
    expect(queued.status_url).toMatch(
      /^https:\/\/queue\.fal\.run\/fal-ai\/fast-sdxl\/requests\/[\w-]+\/status$/,
    );
    const events = await readSse(await fetch(`${queued.status_url}/stream`));
    expect((events.at(-1) as { status: string }).status).toBe('COMPLETED');
    const result = (await (await fetch(queued.response_url)).json()) as { images: { url: string }[] };
    expect(result.images[0]!.url).toMatch(/^https:\/\/v3\.fal\.media\//);
    const image = await fetch(result.images[0]!.url);
    expect(image.headers.get('content-type')).toContain('image/png');
    expect(emulator.requests()[0]!.url).toBe('https://queue.fal.run/fal-ai/fast-sdxl');
  });

  it('stream SSE responses through msw', async () => {
    const response = await fetch('https://fal.run/fal-ai/any-llm/stream', {
      method: 'POST',
      body: JSON.stringify({ prompt: 'yo' }),
    });
    const events = (await readSse(response)) as { partial: boolean }[];
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)!.partial).toBe(false);
  });

  it('turn a dropped connection into a network error', async () => {
    emulator.faults.add({ type: 'drop', host: 'fal.run' });
    await expect(fetch('https://fal.run/falkit/echo', { method: 'POST', body: '{}' })).rejects.toThrow(
      TypeError,
    );
  });
});
