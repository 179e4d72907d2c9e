import { ApiError, FalInputError, NetworkError, type UploadProgress } from '@falkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

let env: RunningEmulator;
let now = Date.parse('2026-01-01T00:00:00Z');

beforeAll(async () => {
  env = await startEmulator({ now: () => now });
});
afterAll(() => env.close());
afterEach(() => env.emulator.faults.clear());

const KiB = 1024;

function patterned(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

async function download(url: string): Promise<{ bytes: Uint8Array; type: string | null; status: number }> {
  const response = await fetch(url);
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    type: response.headers.get('content-type'),
    status: response.status,
  };
}

/** Counts part PUTs in flight through the client's fetch, to observe parallelism. */
function partCountingFetch() {
  const stats = { inFlight: 0, maxInFlight: 0, partPuts: 0 };
  const fetchFn: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const isPart = init?.method === 'PUT' && /\/multipart\/[^/]+\/\d+/.test(url);
    if (!isPart) return fetch(input, init);
    stats.partPuts++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      // Hold each part briefly so parallel parts overlap.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return await fetch(input, init);
    } finally {
      stats.inFlight--;
    }
  };
  return { stats, fetch: fetchFn };
}

describe('storage.upload', () => {
  it('uploads a small file with one signed PUT and returns a URL serving the same bytes and type', async () => {
    const bytes = patterned(10 * KiB);
    const file = new File([bytes], 'photo.png', { type: 'image/png' });
    const url = await env.client().storage.upload(file);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(url).toContain('photo.png');
    const served = await download(url);
    expect(Buffer.compare(served.bytes, bytes)).toBe(0);
    expect(served.type).toContain('image/png');
  });

  it('names a plain Blob {timestamp}.{subtype}', async () => {
    const url = await env.client().storage.upload(new Blob(['{}'], { type: 'application/json' }));
    expect(decodeURIComponent(url)).toMatch(/\/\d{13}\.json$/);
    const octet = await env.client().storage.upload(new Blob(['x']));
    expect(decodeURIComponent(octet)).toMatch(/\/\d{13}\.octet$/);
  });

  it('reports monotonic progress that ends at the total (single PUT)', async () => {
    const bytes = patterned(600 * KiB);
    const events: UploadProgress[] = [];
    await env.client().storage.upload(new Blob([bytes]), { onProgress: (event) => events.push(event) });
    expect(events.length).toBeGreaterThan(2);
    for (let i = 1; i < events.length; i++) expect(events[i]!.loaded).toBeGreaterThan(events[i - 1]!.loaded);
    expect(events.at(-1)).toEqual({ loaded: bytes.length, total: bytes.length, fraction: 1 });
    expect(events.filter((event) => event.fraction === 1)).toHaveLength(1);
  });

  it('uploads large files in parallel parts with bounded concurrency and reassembles them', async () => {
    const { stats, fetch: countingFetch } = partCountingFetch();
    const bytes = patterned(1000 * KiB);
    const events: UploadProgress[] = [];
    const url = await env.client({ fetch: countingFetch }).storage.upload(new Blob([bytes]), {
      multipartThreshold: 256 * KiB,
      partSize: 100 * KiB,
      concurrency: 3,
      onProgress: (event) => events.push(event),
    });
    expect(stats.partPuts).toBe(10);
    expect(stats.maxInFlight).toBe(3);
    const served = await download(url);
    expect(Buffer.compare(served.bytes, bytes)).toBe(0);
    for (let i = 1; i < events.length; i++) expect(events[i]!.loaded).toBeGreaterThan(events[i - 1]!.loaded);
    expect(events.at(-1)?.fraction).toBe(1);
    const paths = env.emulator.requests().map((entry) => `${entry.method} ${entry.path}`);
    expect(paths.some((path) => /POST \/storage\/upload\/initiate-multipart/.test(path))).toBe(true);
    expect(paths.some((path) => /POST .*\/multipart\/[^/]+\/complete/.test(path))).toBe(true);
  });

  it('streams every PUT in chunks of at most 64 KiB, with no progress callback too (never the whole blob at once)', async () => {
    const bodies: Array<{ url: string; chunkSizes: number[] }> = [];
    const streamReadingFetch: typeof fetch = async (input, init) => {
      if (init?.method !== 'PUT') return fetch(input, init);
      const url = String(input instanceof Request ? input.url : input);
      // A Blob body would be read by the HTTP stack in one piece (a whole part in memory per PUT).
      expect(init.body).toBeInstanceOf(ReadableStream);
      const chunks: Uint8Array[] = [];
      const reader = (init.body as ReadableStream<Uint8Array>).getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
      bodies.push({ url, chunkSizes: chunks.map((chunk) => chunk.byteLength) });
      return fetch(input, {
        method: 'PUT',
        headers: init.headers,
        body: Buffer.concat(chunks),
        signal: init.signal,
      });
    };
    const client = env.client({ fetch: streamReadingFetch });
    const large = patterned(700 * KiB);
    const largeUrl = await client.storage.upload(new Blob([large]), {
      multipartThreshold: 256 * KiB,
      partSize: 300 * KiB,
    });
    const small = patterned(150 * KiB);
    const smallUrl = await client.storage.upload(new Blob([small]));
    expect(
      bodies.map((body) => body.chunkSizes.reduce((sum, size) => sum + size, 0)).sort((a, b) => a - b),
    ).toEqual([100 * KiB, 150 * KiB, 300 * KiB, 300 * KiB]);
    for (const body of bodies) expect(Math.max(...body.chunkSizes)).toBeLessThanOrEqual(64 * KiB);
    expect(Buffer.compare((await download(largeUrl)).bytes, large)).toBe(0);
    expect(Buffer.compare((await download(smallUrl)).bytes, small)).toBe(0);
  });

  it('in a browser (XMLHttpRequest exists) sends the Blob itself when there is no progress callback: browsers refuse streamed bodies over HTTP/1.1', async () => {
    vi.stubGlobal('XMLHttpRequest', class {});
    try {
      const bodies: unknown[] = [];
      const recordingFetch: typeof fetch = async (input, init) => {
        if (init?.method === 'PUT') bodies.push(init.body);
        return fetch(input, init);
      };
      const bytes = patterned(150 * KiB);
      const url = await env.client({ fetch: recordingFetch }).storage.upload(new Blob([bytes]));
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toBeInstanceOf(Blob);
      expect(Buffer.compare((await download(url)).bytes, bytes)).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('retries a part that fails once and still completes', async () => {
    env.emulator.faults.add({ method: 'PUT', path: '/multipart/*/3', type: 'status', status: 503, times: 1 });
    env.emulator.clearRequests();
    const bytes = patterned(500 * KiB);
    const url = await env.client().storage.upload(new Blob([bytes]), {
      multipartThreshold: 100 * KiB,
      partSize: 100 * KiB,
      retry: { baseDelayMs: 1 },
    });
    const partThree = env.emulator.requests().filter((entry) => /\/multipart\/[^/]+\/3$/.test(entry.path));
    expect(partThree.map((entry) => entry.status)).toEqual([503, 200]);
    expect(Buffer.compare((await download(url)).bytes, bytes)).toBe(0);
  });

  it('takes part retries from the client config (retry.operations.upload)', async () => {
    env.emulator.faults.add({ method: 'PUT', path: '/multipart/*/2', type: 'status', status: 503, times: 1 });
    const client = env.client({ retry: { operations: { upload: { maxRetries: 0 } } } });
    const failure = await client.storage
      .upload(new Blob([patterned(300 * KiB)]), { multipartThreshold: 100 * KiB, partSize: 100 * KiB })
      .catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(503);
  });

  it('fails with the part error when retries run out, after stopping the other parts', async () => {
    env.emulator.faults.add({
      method: 'PUT',
      path: '/multipart/*/2',
      type: 'status',
      status: 500,
      times: -1,
    });
    const failure = await env
      .client()
      .storage.upload(new Blob([patterned(400 * KiB)]), {
        multipartThreshold: 100 * KiB,
        partSize: 100 * KiB,
        retry: { maxRetries: 2, baseDelayMs: 1 },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(500);
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
  });

  it('does not retry a 4xx answer to a part (an expired or forged signed URL)', async () => {
    env.emulator.faults.add({
      method: 'PUT',
      path: '/multipart/*/1',
      type: 'status',
      status: 403,
      times: -1,
    });
    env.emulator.clearRequests();
    const failure = await env
      .client()
      .storage.upload(new Blob([patterned(300 * KiB)]), {
        multipartThreshold: 100 * KiB,
        partSize: 100 * KiB,
      })
      .catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(403);
    expect(env.emulator.requests().filter((entry) => /\/multipart\/[^/]+\/1$/.test(entry.path))).toHaveLength(
      1,
    );
  });

  it('abort stops every part in flight and leaves no open connection', async () => {
    env.emulator.faults.add({ method: 'PUT', path: '/multipart/**', type: 'delay', ms: 10_000, times: -1 });
    const { stats, fetch: countingFetch } = partCountingFetch();
    const controller = new AbortController();
    const client = env.client({ fetch: countingFetch, uploadConcurrency: 4 });
    const upload = client.storage.upload(new Blob([patterned(800 * KiB)]), {
      multipartThreshold: 100 * KiB,
      partSize: 100 * KiB,
      concurrency: 4,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(stats.inFlight).toBe(4));
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(4));
    controller.abort();
    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
    expect(stats.inFlight).toBe(0);
    expect(stats.partPuts).toBe(4);
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
  });

  it('abort during a part retry backoff ends at once and leaves no timer behind', async () => {
    env.emulator.faults.add({
      method: 'PUT',
      path: '/multipart/*/1',
      type: 'status',
      status: 503,
      times: -1,
    });
    // Track only the backoff sleeps (exactly 60 s here: no jitter) so unrelated timers (sockets,
    // keep-alive, servers) cannot interfere.
    const backoffs = new Set<unknown>();
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    const setSpy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const handle = realSetTimeout(fn, ms);
      if (ms === 60_000) backoffs.add(handle);
      return handle;
    }) as typeof setTimeout);
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((handle?: unknown) => {
      backoffs.delete(handle);
      realClearTimeout(handle as Parameters<typeof clearTimeout>[0]);
    }) as typeof clearTimeout);
    const controller = new AbortController();
    const upload = env.client().storage.upload(new Blob([patterned(200 * KiB)]), {
      multipartThreshold: 100 * KiB,
      partSize: 100 * KiB,
      concurrency: 1,
      signal: controller.signal,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, enableJitter: false },
    });
    await vi.waitFor(() =>
      expect(
        env.emulator
          .requests()
          .some((entry) => /\/multipart\/[^/]+\/1$/.test(entry.path) && entry.status === 503),
      ).toBe(true),
    );
    try {
      await vi.waitFor(() => expect(backoffs.size).toBe(1));
      controller.abort();
      await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
      expect(backoffs.size).toBe(0);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });

  it('rejects an already-aborted signal before any request', async () => {
    const before = env.emulator.requests().length;
    await expect(
      env.client().storage.upload(new Blob(['x']), { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(env.emulator.requests().length).toBe(before);
  });

  it('sends the lifecycle so the file expires when asked', async () => {
    const client = env.client();
    const shortLived = await client.storage.upload(new Blob(['bye']), { lifecycle: 'immediate' });
    const settings = await client.storage.upload(new Blob(['bye']), { lifecycle: { expiresIn: 120 } });
    const forever = await client.storage.upload(new Blob(['stay']), { lifecycle: 'never' });
    expect((await download(shortLived)).status).toBe(200);
    now += 61_000;
    expect((await download(shortLived)).status).toBe(404);
    expect((await download(settings)).status).toBe(200);
    now += 60_000;
    expect((await download(settings)).status).toBe(404);
    expect((await download(forever)).status).toBe(200);
  });

  it.each([0, -5, 1.5, Number.NaN, true, '2d', 'forever'])(
    'rejects lifecycle %s before any request',
    async (lifecycle) => {
      const before = env.emulator.requests().length;
      await expect(
        env.client().storage.upload(new Blob(['x']), { lifecycle: lifecycle as 'never' }),
      ).rejects.toBeInstanceOf(FalInputError);
      expect(env.emulator.requests().length).toBe(before);
    },
  );

  it('rejects bad options and non-Blob files before any request', async () => {
    const storage = env.client().storage;
    const before = env.emulator.requests().length;
    await expect(storage.upload('text' as unknown as Blob)).rejects.toBeInstanceOf(FalInputError);
    await expect(storage.upload(new Blob(['x']), { concurrency: 0 })).rejects.toBeInstanceOf(FalInputError);
    await expect(storage.upload(new Blob(['x']), { partSize: -1 })).rejects.toBeInstanceOf(FalInputError);
    await expect(storage.upload(new Blob(['x']), { multipartThreshold: Number.NaN })).rejects.toBeInstanceOf(
      FalInputError,
    );
    expect(env.emulator.requests().length).toBe(before);
  });

  it('uses XMLHttpRequest upload events for progress where XHR exists', async () => {
    const progress: number[] = [];
    const opened: string[] = [];
    class FakeXhr {
      upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null };
      status = 0;
      statusText = '';
      responseType = '';
      responseText = '';
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      ontimeout: (() => void) | null = null;
      onabort: (() => void) | null = null;
      #method = '';
      #url = '';
      #headers: Record<string, string> = {};
      #responseHeaders = '';
      open(method: string, url: string) {
        this.#method = method;
        this.#url = url;
        opened.push(`${method} ${url}`);
      }
      setRequestHeader(name: string, value: string) {
        this.#headers[name] = value;
      }
      getAllResponseHeaders() {
        return this.#responseHeaders;
      }
      abort() {
        this.onabort?.();
      }
      async send(body: Blob) {
        this.upload.onprogress?.({ loaded: Math.floor(body.size / 2) });
        this.upload.onprogress?.({ loaded: body.size });
        const response = await fetch(this.#url, { method: this.#method, headers: this.#headers, body });
        this.status = response.status;
        this.responseText = await response.text();
        this.#responseHeaders = [...response.headers]
          .map(([name, value]) => `${name}: ${value}`)
          .join('\r\n');
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    try {
      const bytes = patterned(10 * KiB);
      const url = await env.client().storage.upload(new Blob([bytes]), {
        onProgress: (event) => progress.push(event.loaded),
      });
      expect(opened).toHaveLength(1);
      expect(progress).toEqual([5 * KiB, bytes.length - 1, bytes.length]);
      expect(Buffer.compare((await download(url)).bytes, bytes)).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('an XHR network failure is a NetworkError naming the PUT', async () => {
    const sent: string[] = [];
    class FailingXhr {
      upload = { onprogress: null };
      onerror: (() => void) | null = null;
      onload = null;
      ontimeout = null;
      onabort = null;
      responseType = '';
      #url = '';
      open(_method: string, url: string) {
        this.#url = url;
      }
      setRequestHeader() {}
      abort() {}
      send() {
        sent.push(this.#url);
        queueMicrotask(() => this.onerror?.());
      }
    }
    vi.stubGlobal('XMLHttpRequest', FailingXhr);
    try {
      const failure = await env
        .client({ retry: false })
        .storage.upload(new Blob([patterned(KiB)]), { onProgress: () => {} })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(NetworkError);
      expect(failure).toBeInstanceOf(TypeError);
      expect((failure as NetworkError).method).toBe('PUT');
      expect(sent).toHaveLength(1);
      expect((failure as NetworkError).url).toBe(sent[0]!.split('?')[0]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
