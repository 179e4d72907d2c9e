import { describe, expect, it } from 'vitest';
import { createStorage } from '../src/storage/storage';
import { ORIGIN, bytesOf, concat, emulatorUrl, manualClock, sameBytes, send } from './storageTestKit';

const TEXT = new TextEncoder().encode('0123456789');

function storedText() {
  const storage = createStorage();
  const url = storage.put(TEXT, 'text/plain', { origin: ORIGIN, fileName: 'digits.txt' });
  return { storage, url };
}

describe('storage: serving files', () => {
  it('puts bytes and returns an absolute emulator URL that serves them with full headers', async () => {
    const { storage, url } = storedText();
    expect(url).toMatch(new RegExp(`^${ORIGIN}/v3\\.fal\\.media/files/[0-9a-f]{32}/digits\\.txt$`));
    const response = await send(storage, url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toMatch(/^".+"$/);
    expect(await response.text()).toBe('0123456789');
  });

  it.each([
    ['bytes=2-5', 206, '2345', 'bytes 2-5/10'],
    ['bytes=7-', 206, '789', 'bytes 7-9/10'],
    ['bytes=-3', 206, '789', 'bytes 7-9/10'],
    ['bytes=8-100', 206, '89', 'bytes 8-9/10'],
    ['bytes=0-0', 206, '0', 'bytes 0-0/10'],
    ['bytes=0-1,4-5', 200, '0123456789', null],
    ['bytes=5-2', 200, '0123456789', null],
    ['items=0-1', 200, '0123456789', null],
  ])('answers Range %s with %i', async (range, status, body, contentRange) => {
    const { storage, url } = storedText();
    const response = await send(storage, url, { headers: { range } });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
    expect(response.headers.get('content-range')).toBe(contentRange);
    expect(response.headers.get('content-length')).toBe(String(body.length));
  });

  it('answers an unsatisfiable range with 416 and Content-Range bytes */size', async () => {
    const { storage, url } = storedText();
    for (const range of ['bytes=10-', 'bytes=50-60', 'bytes=-0']) {
      const response = await send(storage, url, { headers: { range } });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe('bytes */10');
    }
  });

  it('serves ranges that span multipart chunks, including large streamed bodies', async () => {
    const storage = createStorage();
    const initiate = await send(
      storage,
      emulatorUrl('rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3'),
      {
        method: 'POST',
        body: JSON.stringify({ content_type: 'application/octet-stream', file_name: 'blob.bin' }),
      },
    );
    const { upload_url, file_url } = (await initiate.json()) as { upload_url: string; file_url: string };
    const parsed = new URL(upload_url);
    const parts = [bytesOf(1_500_000, 1), bytesOf(1_500_000, 2), bytesOf(700_000, 3)];
    const etags: Array<{ partNumber: number; etag: string }> = [];
    for (const [i, part] of parts.entries()) {
      const response = await send(storage, `${parsed.origin}${parsed.pathname}/${i + 1}${parsed.search}`, {
        method: 'PUT',
        body: part,
      });
      etags.push((await response.json()) as { partNumber: number; etag: string });
    }
    await send(storage, `${parsed.origin}${parsed.pathname}/complete${parsed.search}`, {
      method: 'POST',
      body: JSON.stringify({ parts: etags }),
    });
    const whole = concat(...parts);

    const full = await send(storage, file_url);
    expect(sameBytes(new Uint8Array(await full.arrayBuffer()), whole)).toBe(true);

    const span = await send(storage, file_url, { headers: { range: 'bytes=1499990-3000009' } });
    expect(span.status).toBe(206);
    expect(span.headers.get('content-length')).toBe('1500020');
    expect(sameBytes(new Uint8Array(await span.arrayBuffer()), whole.subarray(1_499_990, 3_000_010))).toBe(
      true,
    );

    const small = await send(storage, file_url, { headers: { range: 'bytes=1499995-1500004' } });
    expect(new Uint8Array(await small.arrayBuffer())).toEqual(whole.subarray(1_499_995, 1_500_005));
    expect(sameBytes(storage.get(file_url)?.bytes, whole)).toBe(true);
  });

  it('answers HEAD with headers and no body, and If-None-Match with 304', async () => {
    const { storage, url } = storedText();
    const head = await send(storage, url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10');
    expect(await head.text()).toBe('');

    const etag = head.headers.get('etag')!;
    expect((await send(storage, url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await send(storage, url, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('ignores Range when If-Range names another version', async () => {
    const { storage, url } = storedText();
    const response = await send(storage, url, { headers: { range: 'bytes=0-1', 'if-range': '"stale"' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('0123456789');
  });

  it('404s an unknown id, a wrong file name, and a file on the wrong host', async () => {
    const { storage, url } = storedText();
    const id = /files\/([0-9a-f]+)\//.exec(url)![1];
    for (const other of [
      url.replace(id!, '0'.repeat(32)),
      url.replace('digits.txt', 'other.txt'),
      url.replace('/v3.fal.media/', '/fal.media/'),
    ]) {
      expect((await send(storage, other)).status).toBe(404);
      expect(storage.get(other)).toBeUndefined();
    }
    expect((await send(storage, url, { method: 'DELETE' })).status).toBe(405);
  });

  it('looks files up by emulator URL from any origin and by the real fal URL', () => {
    const { storage, url } = storedText();
    const path = new URL(url).pathname; // /v3.fal.media/files/{id}/digits.txt
    expect(storage.get(url)?.contentType).toBe('text/plain');
    expect(storage.get(`http://localhost:9999${path}`)?.bytes).toEqual(TEXT);
    expect(storage.get(`https:/${path}`)?.bytes).toEqual(TEXT);
    expect(storage.get('not a url')).toBeUndefined();
  });

  it('expires files after lifecycleSeconds using the injected clock', async () => {
    const clock = manualClock();
    const storage = createStorage({ now: clock.now });
    const url = storage.put(TEXT, 'text/plain', { origin: ORIGIN, lifecycleSeconds: 3600 });
    const forever = storage.put(TEXT, 'text/plain', { origin: ORIGIN });
    expect(url).toMatch(/\/output\.txt$/);

    clock.advance(3599_000);
    expect((await send(storage, url)).status).toBe(200);
    clock.advance(1_000);
    expect((await send(storage, url)).status).toBe(404);
    expect(storage.get(url)).toBeUndefined();

    clock.advance(10 * 365 * 24 * 3600_000);
    expect((await send(storage, forever)).status).toBe(200);
  });

  it('expires JS uploads per the X-Fal-Object-Lifecycle header sent on initiate', async () => {
    const clock = manualClock();
    const storage = createStorage({ now: clock.now });
    const initiate = await send(
      storage,
      emulatorUrl('rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3'),
      {
        method: 'POST',
        headers: {
          'x-fal-object-lifecycle': JSON.stringify({ expiration_duration_seconds: 60, initial_acl: {} }),
        },
        body: JSON.stringify({ content_type: 'text/plain', file_name: 'a.txt' }),
      },
    );
    const { upload_url, file_url } = (await initiate.json()) as { upload_url: string; file_url: string };
    clock.advance(30_000);
    await send(storage, upload_url, { method: 'PUT', body: 'bye' });
    clock.advance(59_000); // lifetime counts from the upload
    expect(storage.get(file_url)).toBeDefined();
    clock.advance(1_000);
    expect((await send(storage, file_url)).status).toBe(404);
  });

  it('sanitises file names to one safe path segment', async () => {
    const storage = createStorage();
    const url = storage.put(TEXT, 'image/png', { origin: `${ORIGIN}/`, fileName: '../../etc/pass wd?.png' });
    expect(url).toMatch(new RegExp(`^${ORIGIN}/v3\\.fal\\.media/files/[0-9a-f]{32}/pass%20wd%3F\\.png$`));
    expect((await send(storage, url)).status).toBe(200);
    expect(storage.put(TEXT, 'image/png', { origin: ORIGIN })).toMatch(/\/output\.png$/);
  });
});
