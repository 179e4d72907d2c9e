import { createFalClient } from '@fal-ai/client';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { createEmulatorHandlers } from '@falkit/emulator/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorFetch } from '../support/emulatorFetch';

/**
 * The official `@fal-ai/client` 1.10.1 uploading to the emulator. Its `fetch` option rewrites
 * `https://{host}/...` to `{origin}/{host}/...`; URLs the emulator hands out are already absolute
 * at its origin and pass through untouched, exactly as the client would use fal's signed URLs.
 */
const KEY = 'conformance-key';
const MiB = 1024 * 1024;

let clock = Date.UTC(2026, 0, 1);
let emulator: Emulator;
let server: ListeningEmulator;

function falClient() {
  return createFalClient({ credentials: KEY, fetch: emulatorFetch(server.url) });
}

function requestsTo(path: RegExp, method?: string) {
  return emulator.requests().filter((entry) => path.test(entry.path) && (!method || entry.method === method));
}

/** Bytes whose every 64 KiB block differs, so a part stored out of place cannot go unnoticed. */
function patterned(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  for (let offset = 0; offset + 4 <= size; offset += 64 * 1024)
    view.setUint32(offset, offset / (64 * 1024) + 1);
  return bytes;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b));
}

beforeAll(async () => {
  emulator = createEmulator({ speed: 0, key: KEY, now: () => clock });
  server = await emulator.listen({ port: 0 });
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});
beforeEach(() => emulator.clearRequests());

describe('conformance: @fal-ai/client storage.upload against the emulator', () => {
  it('uploads a small blob through initiate + signed PUT and serves it back', async () => {
    const blob = new Blob(['hello from the official client'], { type: 'text/plain' });
    const url = await falClient().storage.upload(blob);

    expect(url).toMatch(new RegExp(`^${server.url}/v3\\.fal\\.media/files/[0-9a-f]{32}/\\d+\\.plain$`));
    const initiate = requestsTo(/^\/storage\/upload\/initiate$/, 'POST');
    expect(initiate).toHaveLength(1);
    // The signed PUT carries no credentials, yet the emulator (which requires a key) accepts it.
    expect(requestsTo(/^\/upload\//, 'PUT').map((entry) => entry.status)).toEqual([200]);

    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/plain');
    expect(await served.text()).toBe('hello from the official client');
  });

  it('keeps the File name in the URL', async () => {
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'my photo.png', { type: 'image/png' });
    const url = await falClient().storage.upload(file);
    expect(url.endsWith('/my%20photo.png')).toBe(true);
    expect((await fetch(url)).headers.get('content-type')).toBe('image/png');
  });

  it('uploads a blob over 90 MB with multipart (10 MiB parts) and serves it byte for byte', async () => {
    const size = 95 * MiB + 12345;
    const source = patterned(size);
    const url = await falClient().storage.upload(new Blob([source], { type: 'application/octet-stream' }));

    expect(requestsTo(/^\/storage\/upload\/initiate-multipart$/, 'POST')).toHaveLength(1);
    const parts = requestsTo(/^\/multipart\/[0-9a-f]+\/\d+$/, 'PUT');
    expect(parts).toHaveLength(10);
    expect(parts.every((entry) => entry.status === 200)).toBe(true);
    expect(requestsTo(/^\/multipart\/[0-9a-f]+\/complete$/, 'POST').map((entry) => entry.status)).toEqual([
      200,
    ]);

    const served = await fetch(url);
    expect(served.headers.get('content-length')).toBe(String(size));
    expect(sameBytes(new Uint8Array(await served.arrayBuffer()), source)).toBe(true);

    // A range across the first part boundary.
    const ranged = await fetch(url, { headers: { range: `bytes=${10 * MiB - 8}-${10 * MiB + 7}` } });
    expect(ranged.status).toBe(206);
    expect(
      sameBytes(new Uint8Array(await ranged.arrayBuffer()), source.subarray(10 * MiB - 8, 10 * MiB + 8)),
    ).toBe(true);
  }, 60_000);

  it('honours lifecycle.expiresIn: the file 404s once it has expired', async () => {
    const url = await falClient().storage.upload(new Blob(['brief']), {
      lifecycle: { expiresIn: 'immediate' },
    });
    expect((await fetch(url)).status).toBe(200);
    clock += 60_000;
    expect((await fetch(url)).status).toBe(404);
  });

  it('auto-uploads Blob inputs (transformInput) so apps can read them back from storage', async () => {
    const result = await falClient().run('falkit/echo', {
      input: { document: new Blob(['{"a":1}'], { type: 'application/json' }) },
    });
    const documentUrl = (result.data as { document: string }).document;
    expect(documentUrl.startsWith(`${server.url}/v3.fal.media/files/`)).toBe(true);
    expect(await (await fetch(documentUrl)).json()).toEqual({ a: 1 });
  });

  it('surfaces storage errors as ApiError: initiate without credentials is refused', async () => {
    const anonymous = createFalClient({ credentials: () => undefined, fetch: emulatorFetch(server.url) });
    await expect(anonymous.storage.upload(new Blob(['x']))).rejects.toMatchObject({ status: 401 });
  });
});

describe('conformance: unmodified @fal-ai/client storage.upload against the emulator via msw (real fal hosts)', () => {
  const mswEmulator = createEmulator({ speed: 0, key: KEY });
  const msw = setupServer(...createEmulatorHandlers(mswEmulator));
  beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(async () => {
    msw.close();
    await mswEmulator.close();
  });

  it('uploads to https://rest.fal.ai + the signed URL and gets a real-form https://v3.fal.media file URL', async () => {
    const fal = createFalClient({ credentials: KEY });
    const bytes = patterned(256 * 1024);
    const url = await fal.storage.upload(new Blob([bytes], { type: 'image/webp' }));
    expect(url).toMatch(/^https:\/\/v3\.fal\.media\/files\/[0-9a-f]{32}\/\d+\.webp$/);

    const served = await fetch(url);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(sameBytes(new Uint8Array(await served.arrayBuffer()), bytes)).toBe(true);
    expect(mswEmulator.storage.get(url)?.contentType).toBe('image/webp');
  });
});
