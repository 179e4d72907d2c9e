import { createEmulator } from '@falkit/emulator';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../src/storage/storage';
import { ORIGIN, bytesOf, concat, emulatorUrl, manualClock, send } from './storageTestKit';

type Storage = ReturnType<typeof createStorage>;
interface CdnToken {
  token: string;
  token_type: string;
  base_url: string;
  expires_at: string;
}

async function cdnToken(storage: Storage): Promise<CdnToken> {
  const response = await send(
    storage,
    emulatorUrl('rest.alpha.fal.ai/storage/auth/token?storage_type=fal-cdn-v3'),
    {
      method: 'POST',
      headers: { authorization: 'Key test', 'content-type': 'application/json' },
      body: '{}',
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as CdnToken;
}

function auth(token: CdnToken): Record<string, string> {
  return { authorization: `${token.token_type} ${token.token}` };
}

describe('storage: PY CDN token flow', () => {
  it('issues a Bearer token with base_url and an ISO expiry Python can parse', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 12, 0, 0));
    const token = await cdnToken(createStorage({ now: clock.now }));
    expect(token.token_type).toBe('Bearer');
    expect(token.base_url).toBe(`${ORIGIN}/v3.fal.media`);
    // `+00:00` rather than `Z`: Python < 3.11 fromisoformat rejects `Z`.
    expect(token.expires_at).toBe('2026-06-01T13:00:00.000+00:00');
  });

  it('refuses to issue CDN tokens for other storage types', async () => {
    const response = await send(
      createStorage(),
      emulatorUrl('rest.fal.ai/storage/auth/token?storage_type=gcs'),
      {
        method: 'POST',
        body: '{}',
      },
    );
    expect(response.status).toBe(400);
  });

  it('uploads with POST v3.fal.media/files/upload, keeping Content-Type and X-Fal-File-Name', async () => {
    const storage = createStorage();
    const token = await cdnToken(storage);
    const bytes = bytesOf(512);
    const response = await send(storage, emulatorUrl('v3.fal.media/files/upload'), {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'image/jpeg', 'x-fal-file-name': 'photo of me.jpg' },
      body: bytes,
    });
    expect(response.status).toBe(200);
    const { access_url } = (await response.json()) as { access_url: string };
    expect(access_url).toMatch(
      new RegExp(`^${ORIGIN}/v3\\.fal\\.media/files/[0-9a-f]{32}/photo%20of%20me\\.jpg$`),
    );

    const file = await send(storage, access_url);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it('requires a valid, unexpired CDN token (401 otherwise)', async () => {
    const clock = manualClock();
    const storage = createStorage({ now: clock.now });
    const upload = (headers: Record<string, string>) =>
      send(storage, emulatorUrl('v3.fal.media/files/upload'), { method: 'POST', headers, body: 'x' });

    expect((await upload({})).status).toBe(401);
    expect((await upload({ authorization: 'Key test' })).status).toBe(401);
    expect((await upload({ authorization: 'Bearer made-up' })).status).toBe(401);

    const token = await cdnToken(storage);
    expect((await upload(auth(token))).status).toBe(200);
    clock.advance(60 * 60 * 1000);
    const expired = await upload(auth(token));
    expect(expired.status).toBe(401);
    expect(typeof ((await expired.json()) as { detail: unknown }).detail).toBe('string');
  });

  it('runs multipart with parallel parts, ETag headers, and completion listed in arrival order', async () => {
    const storage = createStorage();
    const token = await cdnToken(storage);
    const create = await send(storage, `${token.base_url}/files/upload/multipart`, {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'application/zip', 'x-fal-file-name': 'big.zip' },
    });
    expect(create.status).toBe(200);
    const { access_url, uploadId } = (await create.json()) as { access_url: string; uploadId: string };
    expect(access_url).toMatch(/\/v3\.fal\.media\/files\/[0-9a-f]{32}\/big\.zip$/);

    const parts = [bytesOf(4096, 7), bytesOf(4096, 8), bytesOf(10, 9)];
    const received: Array<{ partNumber: number; etag: string }> = [];
    await Promise.all(
      [2, 3, 1].map(async (n) => {
        const response = await send(storage, `${access_url}/multipart/${uploadId}/${n}`, {
          method: 'PUT',
          headers: { ...auth(token), 'content-type': 'application/zip', 'accept-encoding': 'identity' },
          body: parts[n - 1],
        });
        expect(response.status).toBe(200);
        // PY reads the ETag response header (quoted) and sends it back verbatim.
        received.push({ partNumber: n, etag: response.headers.get('etag')! });
      }),
    );

    const complete = await send(storage, `${access_url}/multipart/${uploadId}/complete`, {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'application/json' },
      body: JSON.stringify({ parts: received }),
    });
    expect(complete.status).toBe(200);
    expect(((await complete.json()) as { access_url: string }).access_url).toBe(access_url);

    const file = await send(storage, access_url);
    expect(file.headers.get('content-type')).toBe('application/zip');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(concat(...parts));
  });

  it('rejects multipart steps for an unknown upload id or without the token', async () => {
    const storage = createStorage();
    const token = await cdnToken(storage);
    const create = await send(storage, `${token.base_url}/files/upload/multipart`, {
      method: 'POST',
      headers: auth(token),
    });
    const { access_url, uploadId } = (await create.json()) as { access_url: string; uploadId: string };
    expect(access_url).toMatch(/\/upload\.bin$/);

    const unknown = await send(storage, `${access_url}/multipart/${'0'.repeat(32)}/1`, {
      method: 'PUT',
      headers: auth(token),
      body: 'x',
    });
    expect(unknown.status).toBe(404);
    const anonymous = await send(storage, `${access_url}/multipart/${uploadId}/1`, {
      method: 'PUT',
      body: 'x',
    });
    expect(anonymous.status).toBe(401);
  });

  it('honours X-Fal-Object-Lifecycle-Preference on uploads', async () => {
    const clock = manualClock();
    const storage = createStorage({ now: clock.now });
    const token = await cdnToken(storage);
    const lifecycle = JSON.stringify({ expiration_duration_seconds: 60 });
    const response = await send(storage, emulatorUrl('v3.fal.media/files/upload'), {
      method: 'POST',
      headers: { ...auth(token), 'x-fal-object-lifecycle-preference': lifecycle },
      body: 'short-lived',
    });
    const { access_url } = (await response.json()) as { access_url: string };
    clock.advance(59_000);
    expect((await send(storage, access_url)).status).toBe(200);
    clock.advance(1_000);
    expect((await send(storage, access_url)).status).toBe(404);
  });

  it('supports the gcs fallback: initiate?storage_type=gcs then PUT upload_url', async () => {
    const storage = createStorage();
    const initiate = await send(
      storage,
      emulatorUrl('rest.alpha.fal.ai/storage/upload/initiate?storage_type=gcs'),
      {
        method: 'POST',
        headers: { authorization: 'Key test', 'content-type': 'application/json' },
        body: JSON.stringify({ file_name: 'upload.bin', content_type: 'application/octet-stream' }),
      },
    );
    const { upload_url, file_url } = (await initiate.json()) as { upload_url: string; file_url: string };
    const put = await send(storage, upload_url, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'gcs bytes',
    });
    expect(put.status).toBe(200);
    expect(await (await send(storage, file_url)).text()).toBe('gcs bytes');
    // The CDN token routes do not exist on the gcs host.
    expect(
      (
        await send(storage, emulatorUrl('storage.googleapis.com/falkit-emulator/files/upload'), {
          method: 'POST',
        })
      ).status,
    ).toBe(404);
  });
});

describe('storage: PY flow through createEmulator with a key', () => {
  it('gates the token route on the key while CDN routes take only the CDN token', async () => {
    const emulator = createEmulator({ speed: 0, key: 'secret' });
    const origin = 'http://emulator.test';
    const call = (path: string, init?: RequestInit) => emulator.fetch(new Request(`${origin}/${path}`, init));
    try {
      const tokenUrl = 'rest.alpha.fal.ai/storage/auth/token?storage_type=fal-cdn-v3';
      expect((await call(tokenUrl, { method: 'POST', body: '{}' })).status).toBe(401);
      const tokenResponse = await call(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: 'Key secret',
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: '{}',
      });
      expect(tokenResponse.status).toBe(200);
      const token = (await tokenResponse.json()) as CdnToken;
      expect(token.base_url).toBe(`${origin}/v3.fal.media`);

      // What fal_client's MultipartUpload sends, step by step.
      const headers = { authorization: `${token.token_type} ${token.token}`, 'user-agent': 'fal/0.1.0' };
      const create = await emulator.fetch(
        new Request(`${token.base_url}/files/upload/multipart`, {
          method: 'POST',
          headers: {
            ...headers,
            accept: 'application/json',
            'content-type': 'text/csv',
            'x-fal-file-name': 'data.csv',
          },
        }),
      );
      const { access_url, uploadId } = (await create.json()) as { access_url: string; uploadId: string };
      const parts: Array<{ partNumber: number; etag: string }> = [];
      for (const [n, text] of [
        [2, 'b,2\n'],
        [1, 'a,1\n'],
      ] as const) {
        const put = await emulator.fetch(
          new Request(`${access_url}/multipart/${uploadId}/${n}`, {
            method: 'PUT',
            headers: { ...headers, 'content-type': 'text/csv', 'accept-encoding': 'identity' },
            body: text,
          }),
        );
        parts.push({ partNumber: n, etag: put.headers.get('etag')! });
      }
      const complete = await emulator.fetch(
        new Request(`${access_url}/multipart/${uploadId}/complete`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ parts }),
        }),
      );
      expect(complete.status).toBe(200);
      const file = await emulator.fetch(new Request(access_url));
      expect(file.headers.get('content-type')).toBe('text/csv');
      expect(await file.text()).toBe('a,1\nb,2\n');
    } finally {
      await emulator.close();
    }
  });
});
