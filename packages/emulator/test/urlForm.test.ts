import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, createEmulator } from '@falkit/emulator';
import { createEmulatorHandlers } from '@falkit/emulator/msw';
import { main } from '../src/cli.js';
import { readSse } from './helpers.js';

/** `https://{host}/…` → `{origin}/{host}/…`: what a client's mapped fetch does. */
function toOrigin(origin: string, url: string): string {
  return url.replace(/^https:\/\/([^/]+)\//, `${origin}/$1/`);
}

const TINY = { prompt: 'a lighthouse', image_size: { width: 8, height: 8 }, seed: 1 };

describe("urls: 'real' (file URL mode)", () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('answers every URL in https://{host} form and still serves it at {origin}/{host}/{path}', async () => {
    emulator = createEmulator({ speed: 0, urls: 'real' });
    const server = await emulator.listen();
    const submit = await fetch(`${server.url}/queue.fal.run/fal-ai/fast-sdxl`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TINY),
    });
    const queued = (await submit.json()) as { status_url: string; response_url: string };
    expect(queued.status_url).toMatch(
      /^https:\/\/queue\.fal\.run\/fal-ai\/fast-sdxl\/requests\/[\w-]+\/status$/,
    );
    const events = await readSse(await fetch(`${toOrigin(server.url, queued.status_url)}/stream`));
    expect(events.every((event) => (event as { status_url: string }).status_url === queued.status_url)).toBe(
      true,
    );
    const result = (await (await fetch(toOrigin(server.url, queued.response_url))).json()) as {
      images: { url: string }[];
    };
    const imageUrl = result.images[0]!.url;
    expect(imageUrl).toMatch(/^https:\/\/v3\.fal\.media\/files\/[\w-]+\/[\w.-]+\.png$/);
    const image = await fetch(toOrigin(server.url, imageUrl));
    expect(image.status).toBe(200);
    expect([...new Uint8Array(await image.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    // The real-form URL is understood as an input too.
    expect(emulator.storage.get(imageUrl)?.contentType).toBe('image/png');
  });

  it('answers storage URLs (upload_url, file_url, CDN base_url) in real form', async () => {
    emulator = createEmulator({ speed: 0, urls: 'real' });
    const server = await emulator.listen();
    const initiated = (await (
      await fetch(`${server.url}/rest.fal.ai/storage/upload/initiate?storage_type=gcs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content_type: 'text/plain', file_name: 'a.txt' }),
      })
    ).json()) as { upload_url: string; file_url: string };
    expect(initiated.upload_url).toMatch(/^https:\/\/storage\.googleapis\.com\/falkit-emulator\/upload\//);
    expect(initiated.file_url).toMatch(
      /^https:\/\/storage\.googleapis\.com\/falkit-emulator\/files\/.+\/a\.txt$/,
    );
    const uploaded = await fetch(toOrigin(server.url, initiated.upload_url), {
      method: 'PUT',
      body: 'hello',
    });
    expect(uploaded.status).toBe(200);
    expect(await (await fetch(toOrigin(server.url, initiated.file_url))).text()).toBe('hello');
    const token = (await (
      await fetch(`${server.url}/rest.fal.ai/storage/auth/token?storage_type=fal-cdn-v3`, { method: 'POST' })
    ).json()) as { base_url: string };
    expect(token.base_url).toBe('https://v3.fal.media');
  });

  it('is a listen() option: one emulator can serve both forms', async () => {
    emulator = createEmulator({ speed: 0 });
    const plain = await emulator.listen();
    const real = await emulator.listen({ urls: 'real' });
    const run = async (origin: string) =>
      (
        (await (
          await fetch(`${origin}/fal.run/fal-ai/fast-sdxl`, { method: 'POST', body: JSON.stringify(TINY) })
        ).json()) as { images: { url: string }[] }
      ).images[0]!.url;
    expect(await run(plain.url)).toMatch(new RegExp(`^${plain.url}/v3\\.fal\\.media/files/`));
    expect(await run(real.url)).toMatch(/^https:\/\/v3\.fal\.media\/files\//);
    await expect(emulator.listen({ urls: 'bogus' as 'real' })).rejects.toThrow(TypeError);
  });

  it('leaves the default (emulator form) untouched and rejects unknown forms', () => {
    expect(() => createEmulator({ urls: 'https' as 'real' })).toThrow(/urls must be 'emulator' or 'real'/);
  });

  it('is a CLI flag', async () => {
    const server = await main(['--port', '0', '--speed', '0', '--urls', 'real'], {
      log: () => {},
      error: () => {},
    });
    try {
      const response = await fetch(`${server.url}/queue.fal.run/falkit/echo`, { method: 'POST', body: '{}' });
      expect(((await response.json()) as { status_url: string }).status_url).toMatch(
        /^https:\/\/queue\.fal\.run\/falkit\/echo\/requests\//,
      );
    } finally {
      await server.close();
    }
    await expect(main(['--urls', 'nope'], { log: () => {}, error: () => {} })).rejects.toThrow(/--urls/);
  });

  it('msw origin handlers answer in real form with { urls: "real" }', async () => {
    emulator = createEmulator({ speed: 0 });
    const msw = setupServer(...createEmulatorHandlers(emulator, { origin: 'http://emu.test', urls: 'real' }));
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const response = await fetch('http://emu.test/fal.run/fal-ai/fast-sdxl', {
        method: 'POST',
        body: JSON.stringify(TINY),
      });
      const body = (await response.json()) as { images: { url: string }[] };
      expect(body.images[0]!.url).toMatch(/^https:\/\/v3\.fal\.media\/files\//);
      const image = await fetch(toOrigin('http://emu.test', body.images[0]!.url));
      expect(image.headers.get('content-type')).toContain('image/png');
    } finally {
      msw.close();
    }
  });
});
