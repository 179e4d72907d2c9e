import { describe, expect, it } from 'vitest';
import { createStorage } from '../src/storage/storage';
import { ORIGIN, bytesOf, concat, emulatorUrl, manualClock, send } from './storageTestKit';

const INITIATE = emulatorUrl('rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3');
const INITIATE_MULTIPART = emulatorUrl(
  'rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3',
);

function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { authorization: 'Key test', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

async function initiate(
  storage: ReturnType<typeof createStorage>,
  url = INITIATE,
  body: unknown = { content_type: 'image/png', file_name: 'cat.png' },
  headers?: Record<string, string>,
) {
  const response = await send(storage, url, postJson(body, headers));
  expect(response.status).toBe(200);
  return (await response.json()) as { upload_url: string; file_url: string };
}

/** The URLs the official JS client derives from a multipart `upload_url`. */
function multipartUrls(uploadUrl: string) {
  const parsed = new URL(uploadUrl);
  return {
    part: (n: number) => `${parsed.origin}${parsed.pathname}/${n}${parsed.search}`,
    complete: `${parsed.origin}${parsed.pathname}/complete${parsed.search}`,
  };
}

describe('storage: JS signed-URL flow, single upload', () => {
  it('initiates, accepts an unauthenticated PUT and serves the file at file_url', async () => {
    const storage = createStorage();
    const { upload_url, file_url } = await initiate(storage);

    expect(file_url).toMatch(new RegExp(`^${ORIGIN}/v3\\.fal\\.media/files/[0-9a-f]{32}/cat\\.png$`));
    expect(upload_url.startsWith(`${ORIGIN}/v3.fal.media/`)).toBe(true);
    expect(new URL(upload_url).searchParams.get('signature')).toMatch(/^[0-9a-f]{48}$/);

    // Not there until uploaded.
    expect((await send(storage, file_url)).status).toBe(404);

    const bytes = bytesOf(1000);
    const put = await send(storage, upload_url, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'image/png' },
    });
    expect(put.status).toBe(200);

    const got = await send(storage, file_url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-length')).toBe('1000');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
  });

  it('keeps the Content-Type of the PUT', async () => {
    const storage = createStorage();
    const { upload_url, file_url } = await initiate(storage, INITIATE, {
      content_type: 'application/octet-stream',
      file_name: 'x',
    });
    await send(storage, upload_url, { method: 'PUT', body: 'hi', headers: { 'content-type': 'text/plain' } });
    expect(storage.get(file_url)?.contentType).toBe('text/plain');
  });

  it('rejects PUTs with a missing or wrong signature (403) and unknown uploads (404)', async () => {
    const storage = createStorage();
    const { upload_url } = await initiate(storage);
    const unsigned = new URL(upload_url);
    unsigned.searchParams.delete('signature');
    const forged = new URL(upload_url);
    forged.searchParams.set('signature', 'f'.repeat(48));
    const unknown = upload_url.replace(/\/upload\/[0-9a-f]+/, `/upload/${'0'.repeat(32)}`);

    for (const [url, status] of [
      [unsigned.href, 403],
      [forged.href, 403],
      [unknown, 404],
    ] as const) {
      const response = await send(storage, url, { method: 'PUT', body: 'x' });
      expect(response.status).toBe(status);
      expect(typeof ((await response.json()) as { detail: unknown }).detail).toBe('string');
    }
  });

  it('stops accepting a signed URL after it expires', async () => {
    const clock = manualClock();
    const storage = createStorage({ now: clock.now });
    const { upload_url } = await initiate(storage);
    clock.advance(2 * 60 * 60 * 1000);
    expect((await send(storage, upload_url, { method: 'PUT', body: 'late' })).status).toBe(404);
  });

  it('uses a generated name when file_name is missing and the gcs location for storage_type=gcs', async () => {
    const storage = createStorage();
    const { upload_url, file_url } = await initiate(
      storage,
      emulatorUrl('rest.fal.ai/storage/upload/initiate?storage_type=gcs'),
      { content_type: 'audio/wav' },
    );
    expect(file_url).toMatch(
      new RegExp(`^${ORIGIN}/storage\\.googleapis\\.com/falkit-emulator/files/[0-9a-f]{32}/upload\\.wav$`),
    );
    await send(storage, upload_url, {
      method: 'PUT',
      body: 'RIFF',
      headers: { 'content-type': 'audio/wav' },
    });
    expect(await (await send(storage, file_url)).text()).toBe('RIFF');
  });

  it('serves rest.alpha.fal.ai like rest.fal.ai', async () => {
    const storage = createStorage();
    const { file_url } = await initiate(
      storage,
      emulatorUrl('rest.alpha.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3'),
    );
    expect(file_url).toContain('/v3.fal.media/files/');
  });
});

describe('storage: JS signed-URL flow, multipart', () => {
  it('accepts parts in parallel and out of order, answers {partNumber, etag} and assembles in order', async () => {
    const storage = createStorage();
    const { upload_url, file_url } = await initiate(storage, INITIATE_MULTIPART, {
      content_type: 'video/mp4',
      file_name: 'clip.mp4',
    });
    const urls = multipartUrls(upload_url);
    const parts = [bytesOf(3000, 1), bytesOf(3000, 2), bytesOf(1234, 3)];

    // Last part first, all at once.
    const answers = await Promise.all(
      [3, 1, 2].map(async (n) => {
        const response = await send(storage, urls.part(n), { method: 'PUT', body: parts[n - 1] });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { partNumber: number; etag: string };
        expect(response.headers.get('etag')).toBe(`"${body.etag}"`);
        return body;
      }),
    );
    expect(answers.map((a) => a.partNumber)).toEqual([3, 1, 2]);
    expect(new Set(answers.map((a) => a.etag)).size).toBe(3);

    const ordered = [...answers].sort((a, b) => a.partNumber - b.partNumber);
    const complete = await send(storage, urls.complete, postJson({ parts: ordered }));
    expect(complete.status).toBe(200);

    const file = await send(storage, file_url);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect(file.headers.get('content-length')).toBe('7234');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(concat(...parts));
  });

  it('keeps the last attempt when a part is retried', async () => {
    const storage = createStorage();
    const { upload_url, file_url } = await initiate(storage, INITIATE_MULTIPART);
    const urls = multipartUrls(upload_url);
    await send(storage, urls.part(1), { method: 'PUT', body: 'first try' });
    const retry = (await (await send(storage, urls.part(1), { method: 'PUT', body: 'second' })).json()) as {
      partNumber: number;
      etag: string;
    };
    await send(storage, urls.complete, postJson({ parts: [retry] }));
    expect(await (await send(storage, file_url)).text()).toBe('second');
  });

  it.each([
    [
      'a wrong etag',
      (etags: string[]) => [
        { partNumber: 1, etag: etags[0] },
        { partNumber: 2, etag: 'nope' },
      ],
    ],
    [
      'a part that was never uploaded',
      (etags: string[]) => [
        { partNumber: 1, etag: etags[0] },
        { partNumber: 3, etag: etags[1] },
      ],
    ],
    [
      'a duplicated part',
      (etags: string[]) => [
        { partNumber: 1, etag: etags[0] },
        { partNumber: 1, etag: etags[0] },
      ],
    ],
    ['no parts', () => []],
    ['a malformed part', () => [{ partNumber: '1', etag: 3 }]],
  ])('rejects completion with %s (400 {detail}) and lets the client try again', async (_name, partsFor) => {
    const storage = createStorage();
    const { upload_url, file_url } = await initiate(storage, INITIATE_MULTIPART);
    const urls = multipartUrls(upload_url);
    const etags: string[] = [];
    for (const n of [1, 2]) {
      const response = await send(storage, urls.part(n), { method: 'PUT', body: `part ${n}` });
      etags.push(((await response.json()) as { etag: string }).etag);
    }

    const bad = await send(storage, urls.complete, postJson({ parts: partsFor(etags) }));
    expect(bad.status).toBe(400);
    expect(typeof ((await bad.json()) as { detail: unknown }).detail).toBe('string');
    expect((await send(storage, file_url)).status).toBe(404);

    const good = await send(
      storage,
      urls.complete,
      postJson({ parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) }),
    );
    expect(good.status).toBe(200);
    expect(await (await send(storage, file_url)).text()).toBe('part 1part 2');
  });

  it('forgets the upload once completed: more parts or a second completion get 404', async () => {
    const storage = createStorage();
    const { upload_url } = await initiate(storage, INITIATE_MULTIPART);
    const urls = multipartUrls(upload_url);
    const part = (await (await send(storage, urls.part(1), { method: 'PUT', body: 'only' })).json()) as {
      etag: string;
    };
    expect(
      (await send(storage, urls.complete, postJson({ parts: [{ partNumber: 1, etag: part.etag }] }))).status,
    ).toBe(200);
    expect((await send(storage, urls.part(2), { method: 'PUT', body: 'late' })).status).toBe(404);
    expect(
      (await send(storage, urls.complete, postJson({ parts: [{ partNumber: 1, etag: part.etag }] }))).status,
    ).toBe(404);
  });

  it('rejects part numbers outside 1..10000 and a signed single-upload URL used for parts', async () => {
    const storage = createStorage();
    const { upload_url } = await initiate(storage, INITIATE_MULTIPART);
    const urls = multipartUrls(upload_url);
    for (const n of [0, 10001]) {
      expect((await send(storage, urls.part(n), { method: 'PUT', body: 'x' })).status).toBe(400);
    }
    const single = await initiate(storage);
    expect(
      (await send(storage, multipartUrls(single.upload_url).part(1), { method: 'PUT', body: 'x' })).status,
    ).toBe(404);
  });
});

describe('storage: REST validation', () => {
  it('answers a bad storage_type with a 422 detail list', async () => {
    const storage = createStorage();
    const response = await send(
      storage,
      emulatorUrl('rest.fal.ai/storage/upload/initiate?storage_type=s3'),
      postJson({ content_type: 'image/png', file_name: 'a.png' }),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: Array<{ loc: string[]; msg: string; type: string }> };
    expect(body.detail[0]?.loc).toEqual(['query', 'storage_type']);
  });

  it('answers a missing content_type and malformed JSON with 422', async () => {
    const storage = createStorage();
    const missing = await send(storage, INITIATE, postJson({ file_name: 'a.png' }));
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual([
      'body',
      'content_type',
    ]);
    const malformed = await send(storage, INITIATE, { method: 'POST', body: '{"content_type": ' });
    expect(malformed.status).toBe(422);
    // The same FastAPI body a malformed model input gets from fal.run / queue.fal.run.
    expect(
      ((await malformed.json()) as { detail: Array<{ loc: unknown[]; type: string }> }).detail[0],
    ).toMatchObject({ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' });
  });

  it('answers unknown storage paths with 404 and wrong methods with 405, and ignores non-storage paths', async () => {
    const storage = createStorage();
    expect((await send(storage, emulatorUrl('rest.fal.ai/storage/nope'), postJson({}))).status).toBe(404);
    expect((await send(storage, INITIATE)).status).toBe(405);
    const tokens = emulatorUrl('rest.fal.ai/tokens/');
    expect(
      await storage.handle(new Request(tokens, { method: 'POST' }), {
        host: 'rest.fal.ai',
        path: '/tokens/',
        search: '',
        origin: ORIGIN,
      }),
    ).toBeUndefined();
    expect(
      await storage.handle(new Request(emulatorUrl('queue.fal.run/fal-ai/flux/dev')), {
        host: 'queue.fal.run',
        path: '/fal-ai/flux/dev',
        search: '',
        origin: ORIGIN,
      }),
    ).toBeUndefined();
  });

  it('refuses absurdly large JSON bodies with 413', async () => {
    const storage = createStorage();
    const huge = JSON.stringify({ content_type: 'text/plain', file_name: 'x'.repeat(2 * 1024 * 1024) });
    const response = await send(storage, INITIATE, { method: 'POST', body: huge });
    expect(response.status).toBe(413);
  });

  it('rejects an invalid X-Fal-Object-Lifecycle header with 400', async () => {
    const storage = createStorage();
    for (const value of ['not json', '{"expiration_duration_seconds": -5}', '[1]']) {
      const response = await send(
        storage,
        INITIATE,
        postJson({ content_type: 'image/png' }, { 'x-fal-object-lifecycle': value }),
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/X-Fal-Object-Lifecycle/i);
    }
  });
});
