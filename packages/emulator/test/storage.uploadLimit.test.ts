/**
 * Upload bodies (signed PUTs, multipart parts, CDN-token uploads) are capped (`maxUploadBytes`, 413 past
 * it, fal's storage limit is not documented) and read as a stream: an oversized body is cut off once the
 * cap is passed, not read to the end into memory.
 */
import { createEmulator } from '@falkit/emulator';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_UPLOAD_BYTES, createStorage } from '../src/storage/storage';
import { bytesOf, emulatorUrl, routeOf, send } from './storageTestKit';

const INITIATE = emulatorUrl('rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3');
const INITIATE_MULTIPART = emulatorUrl(
  'rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3',
);

async function initiate(storage: ReturnType<typeof createStorage>, url = INITIATE) {
  const response = await send(storage, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ content_type: 'application/octet-stream', file_name: 'f.bin' }),
  });
  return (await response.json()) as { upload_url: string; file_url: string };
}

/** A body of `total` bytes in 64 KiB chunks that counts how much was pulled from it. */
function countedBody(total: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      const size = Math.min(65_536, total - counter.pulled);
      counter.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(7));
    },
  });
  return { stream, counter };
}

const streamingPut = (body: ReadableStream<Uint8Array>) =>
  ({ method: 'PUT', body, duplex: 'half' }) as RequestInit;

describe('upload size cap', () => {
  it('defaults to 100 MiB and refuses a cap that is not a byte count', () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(100 * 1024 * 1024);
    expect(() => createStorage({ maxUploadBytes: Number.NaN })).toThrow(TypeError);
    expect(() => createEmulator({ maxUploadBytes: -1 })).toThrow(/maxUploadBytes/);
  });

  it('accepts a signed PUT at the cap and refuses one byte more with 413, storing nothing', async () => {
    const storage = createStorage({ maxUploadBytes: 1000 });
    const { upload_url, file_url } = await initiate(storage);
    expect((await send(storage, upload_url, { method: 'PUT', body: bytesOf(1001) })).status).toBe(413);
    expect((await send(storage, file_url)).status).toBe(404);
    expect((await send(storage, upload_url, { method: 'PUT', body: bytesOf(1000) })).status).toBe(200);
    expect((await send(storage, file_url)).status).toBe(200);
  });

  it('stops reading a streamed oversized PUT soon after the cap (no Content-Length to trust)', async () => {
    const storage = createStorage({ maxUploadBytes: 1024 * 1024 });
    const { upload_url } = await initiate(storage);
    const { stream, counter } = countedBody(64 * 1024 * 1024);
    const response = await send(storage, upload_url, streamingPut(stream));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ detail: expect.stringMatching(/1048576 bytes/) });
    expect(counter.pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuses a declared oversized body before reading it', async () => {
    const storage = createStorage({ maxUploadBytes: 1000 });
    const { upload_url } = await initiate(storage);
    const { stream, counter } = countedBody(10_000);
    const response = await storage.handle(
      new Request(upload_url, {
        ...streamingPut(stream),
        headers: { 'content-length': '10000' },
      }),
      routeOf(upload_url),
    );
    expect(response?.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(65_536);
  });

  it('caps each multipart part and CDN-token uploads the same way', async () => {
    const storage = createStorage({ maxUploadBytes: 1000 });
    const { upload_url } = await initiate(storage, INITIATE_MULTIPART);
    const parsed = new URL(upload_url);
    const part = `${parsed.origin}${parsed.pathname}/1${parsed.search}`;
    expect((await send(storage, part, { method: 'PUT', body: bytesOf(1001) })).status).toBe(413);
    expect((await send(storage, part, { method: 'PUT', body: bytesOf(1000) })).status).toBe(200);

    const token = (await (
      await send(storage, emulatorUrl('rest.fal.ai/storage/auth/token?storage_type=fal-cdn-v3'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { token: string; token_type: string; base_url: string };
    const upload = (body: Uint8Array<ArrayBuffer>) =>
      send(storage, `${token.base_url}/files/upload`, {
        method: 'POST',
        body,
        headers: { authorization: `${token.token_type} ${token.token}` },
      });
    expect((await upload(bytesOf(1001))).status).toBe(413);
    expect((await upload(bytesOf(1000))).status).toBe(200);
  });

  it('is an emulator option (maxUploadBytes) and applies over HTTP', async () => {
    const emulator = createEmulator({ speed: 0, maxUploadBytes: 2048 });
    const server = await emulator.listen({ port: 0 });
    try {
      const initiated = (await (
        await fetch(`${server.url}/rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content_type: 'application/octet-stream', file_name: 'x.bin' }),
        })
      ).json()) as { upload_url: string };
      const tooBig = await fetch(initiated.upload_url, { method: 'PUT', body: bytesOf(4096) });
      expect(tooBig.status).toBe(413);
      const fits = await fetch(initiated.upload_url, { method: 'PUT', body: bytesOf(2048) });
      expect(fits.status).toBe(200);
    } finally {
      await server.close();
      await emulator.close();
    }
  });
});
