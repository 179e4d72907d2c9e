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

/** A fetch that records the body it is handed for every PUT (the upload transfers). */
function recordPutBodies() {
  const bodies: unknown[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    if (init?.method === 'PUT') bodies.push(init.body);
    return fetch(input, init);
  };
  return { bodies, fetch: recordingFetch };
}

/** Reads every PUT body the client hands to fetch, keeping its chunks, then forwards the same bytes. */
function chunkRecordingFetch() {
  const bodies: Array<{ url: string; chunks: Uint8Array[] }> = [];
  const fetchFn: typeof fetch = async (input, init) => {
    if (init?.method !== 'PUT') return fetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    // A Blob body would be read by the HTTP stack in one piece (a whole part in memory per PUT).
    expect(init.body).toBeInstanceOf(ReadableStream);
    const chunks: Uint8Array[] = [];
    const reader = (init.body as ReadableStream<Uint8Array>).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    bodies.push({ url, chunks });
    return fetch(input, {
      method: 'PUT',
      headers: init.headers,
      body: Buffer.concat(chunks),
      signal: init.signal,
    });
  };
  return { bodies, fetch: fetchFn };
}

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
    const { bodies: recorded, fetch: streamReadingFetch } = chunkRecordingFetch();
    const client = env.client({ fetch: streamReadingFetch });
    const large = patterned(700 * KiB);
    const largeUrl = await client.storage.upload(new Blob([large]), {
      multipartThreshold: 256 * KiB,
      partSize: 300 * KiB,
    });
    const small = patterned(150 * KiB);
    const smallUrl = await client.storage.upload(new Blob([small]));
    const bodies = recorded.map((body) => ({ chunkSizes: body.chunks.map((chunk) => chunk.byteLength) }));
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
      const { bodies, fetch: recordingFetch } = recordPutBodies();
      const bytes = patterned(150 * KiB);
      const url = await env.client({ fetch: recordingFetch }).storage.upload(new Blob([bytes]));
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toBeInstanceOf(Blob);
      expect(Buffer.compare((await download(url)).bytes, bytes)).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  // A Blob part is read again; a bytes part is the same views sent again.
  it.each([
    ['a Blob', (bytes: Uint8Array) => new Blob([bytes as BlobPart])],
    ['bytes', (bytes: Uint8Array) => bytes],
  ])('retries a part of %s that fails once and still completes', async (_source, toData) => {
    env.emulator.faults.add({ method: 'PUT', path: '/multipart/*/3', type: 'status', status: 503, times: 1 });
    env.emulator.clearRequests();
    const bytes = patterned(500 * KiB);
    const url = await env.client().storage.upload(toData(bytes), {
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

  it('rejects bad options and files that are neither Blob, bytes nor text before any request', async () => {
    const storage = env.client().storage;
    const before = env.emulator.requests().length;
    await expect(storage.upload(42 as unknown as Blob)).rejects.toBeInstanceOf(FalInputError);
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

describe('storage.upload of bytes and text', () => {
  it('uploads a Uint8Array, an ArrayBuffer and a string intact, typed and named by the options', async () => {
    const client = env.client();
    const bytes = patterned(50 * KiB);
    const fromBytes = await client.storage.upload(bytes, {
      contentType: 'image/png',
      fileName: 'pixels.png',
    });
    expect(fromBytes).toContain('pixels.png');
    const served = await download(fromBytes);
    expect(Buffer.compare(served.bytes, bytes)).toBe(0);
    expect(served.type).toContain('image/png');

    const buffer = patterned(3 * KiB).buffer;
    const fromBuffer = await client.storage.upload(buffer);
    expect(decodeURIComponent(fromBuffer)).toMatch(/\/\d{13}\.octet$/);
    const servedBuffer = await download(fromBuffer);
    expect(Buffer.compare(servedBuffer.bytes, new Uint8Array(buffer))).toBe(0);
    expect(servedBuffer.type).toContain('application/octet-stream');

    const fromText = await client.storage.upload('héllo, wörld');
    const servedText = await download(fromText);
    expect(new TextDecoder().decode(servedText.bytes)).toBe('héllo, wörld');
    expect(servedText.type).toMatch(/^text\/plain/);
    expect(env.emulator.storage.get(fromText)?.bytes.byteLength).toBe(
      new TextEncoder().encode('héllo, wörld').length,
    );
  });

  it('sends only the bytes of a view (byteOffset into a larger buffer), multipart and single', async () => {
    const whole = patterned(900 * KiB);
    const view = whole.subarray(7, 7 + 650 * KiB);
    const client = env.client();
    const multipart = await client.storage.upload(view, {
      multipartThreshold: 256 * KiB,
      partSize: 256 * KiB,
    });
    expect(Buffer.compare((await download(multipart)).bytes, view)).toBe(0);
    const small = whole.subarray(100, 100 + 10 * KiB);
    expect(Buffer.compare((await download(await client.storage.upload(small))).bytes, small)).toBe(0);
  });

  it("hands fetch views of the caller's buffer (no copy) in chunks of at most 64 KiB, and leaves the buffer as it was", async () => {
    const { bodies, fetch: recordingFetch } = chunkRecordingFetch();
    const client = env.client({ fetch: recordingFetch });
    const bytes = patterned(700 * KiB);
    const copy = bytes.slice();
    const events: UploadProgress[] = [];
    const url = await client.storage.upload(bytes, {
      multipartThreshold: 256 * KiB,
      partSize: 300 * KiB,
      onProgress: (event) => events.push(event),
    });
    const small = patterned(150 * KiB);
    const smallUrl = await client.storage.upload(small);

    expect(
      bodies
        .map((body) => body.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0))
        .sort((a, b) => a - b),
    ).toEqual([100 * KiB, 150 * KiB, 300 * KiB, 300 * KiB]);
    for (const { url: putUrl, chunks } of bodies) {
      const source = putUrl.includes('/multipart/') ? bytes : small;
      for (const chunk of chunks) {
        expect(chunk.buffer).toBe(source.buffer);
        expect(chunk.byteLength).toBeLessThanOrEqual(64 * KiB);
      }
    }
    // Zero copies: the chunks are the caller's buffer; it is neither detached nor changed.
    expect(bytes.buffer.byteLength).toBe(700 * KiB);
    expect(Buffer.compare(bytes, copy)).toBe(0);
    expect(Buffer.compare((await download(url)).bytes, bytes)).toBe(0);
    expect(Buffer.compare((await download(smallUrl)).bytes, small)).toBe(0);
    for (let i = 1; i < events.length; i++) expect(events[i]!.loaded).toBeGreaterThan(events[i - 1]!.loaded);
    expect(events.at(-1)).toEqual({ loaded: bytes.length, total: bytes.length, fraction: 1 });
  });

  it('abort stops every part of a bytes upload and leaves no open connection', async () => {
    env.emulator.faults.add({ method: 'PUT', path: '/multipart/**', type: 'delay', ms: 10_000, times: -1 });
    const { stats, fetch: countingFetch } = partCountingFetch();
    const controller = new AbortController();
    const upload = env.client({ fetch: countingFetch }).storage.upload(patterned(400 * KiB), {
      multipartThreshold: 100 * KiB,
      partSize: 100 * KiB,
      concurrency: 2,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(2));
    controller.abort();
    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
    expect(stats.inFlight).toBe(0);
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
  });

  it('in a browser (XMLHttpRequest exists) hands fetch the view itself, not a copy or a Blob', async () => {
    vi.stubGlobal('XMLHttpRequest', class {});
    try {
      const { bodies, fetch: recordingFetch } = recordPutBodies();
      const bytes = patterned(150 * KiB);
      const url = await env.client({ fetch: recordingFetch }).storage.upload(bytes);
      expect(bodies).toEqual([bytes]);
      expect(bodies[0]).toBe(bytes);
      expect(Buffer.compare((await download(url)).bytes, bytes)).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('in a browser sends a copy of bytes in a SharedArrayBuffer, which browsers refuse to send', async () => {
    vi.stubGlobal('XMLHttpRequest', class {});
    try {
      const { bodies, fetch: recordingFetch } = recordPutBodies();
      // Chromium's fetch and XHR throw a TypeError for a view of shared memory, after the upload's
      // initiation has already gone out.
      const browserLikeFetch: typeof fetch = (input, init) => {
        const body = init?.body;
        if (body instanceof Uint8Array && body.buffer instanceof SharedArrayBuffer)
          return Promise.reject(new TypeError('Failed to execute fetch: the provided body is a shared view'));
        return recordingFetch(input, init);
      };
      const shared = new Uint8Array(new SharedArrayBuffer(150 * KiB));
      shared.set(patterned(150 * KiB));
      const url = await env.client({ fetch: browserLikeFetch }).storage.upload(shared);
      expect(bodies).toHaveLength(1);
      expect((bodies[0] as Uint8Array).buffer).toBeInstanceOf(ArrayBuffer);
      expect(Buffer.compare((await download(url)).bytes, shared)).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it.each([
    ['a number', 42, {}],
    ['null', null, {}],
    ['a plain object', { bytes: [1, 2] }, {}],
    ['an Int16Array', new Int16Array(4), {}],
    ['an empty contentType', new Uint8Array(4), { contentType: '' }],
    ['a contentType with a line break', new Uint8Array(4), { contentType: 'text/plain\r\nX-Evil: 1' }],
    ['a non-string contentType', new Uint8Array(4), { contentType: 5 }],
    ['an empty fileName', new Uint8Array(4), { fileName: '' }],
    ['a non-string fileName', 'text', { fileName: {} }],
  ])('rejects %s with FalInputError before any request', async (_name, data, options) => {
    const before = env.emulator.requests().length;
    const failure = await env
      .client()
      .storage.upload(data as Uint8Array, options as object)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FalInputError);
    expect(env.emulator.requests().length).toBe(before);
  });
});
