import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { ORIGIN, get, instant, post, readSse, waitCompleted } from './helpers.js';

describe('status faults', () => {
  it('answers 429 with Retry-After the given number of times, then normally', async () => {
    const emulator = instant();
    emulator.faults.add({
      type: 'status',
      status: 429,
      retryAfter: 3,
      times: 2,
      host: 'queue.fal.run',
      method: 'POST',
    });
    const first = await post(emulator, 'queue.fal.run/falkit/echo', {});
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await post(emulator, 'queue.fal.run/falkit/echo', {})).status).toBe(429);
    expect((await post(emulator, 'queue.fal.run/falkit/echo', {})).status).toBe(200);
    // Only the request that got through created a job.
    expect(emulator.jobs()).toHaveLength(1);
    expect(emulator.faults.list()).toEqual([]);
  });

  it.each([502, 503, 504])('answers a fal-side %i with a request id and an error_type', async (status) => {
    const emulator = instant();
    emulator.faults.add({ type: 'status', status });
    const response = await post(emulator, 'fal.run/falkit/echo', {});
    expect(response.status).toBe(status);
    expect(response.headers.get('x-fal-request-id')).toBeTruthy();
    expect(((await response.json()) as { error_type: string }).error_type).toBe(
      response.headers.get('x-fal-error-type'),
    );
  });

  it('sends custom headers and bodies (e.g. a user start timeout)', async () => {
    const emulator = instant();
    emulator.faults.add({
      type: 'status',
      status: 504,
      headers: { 'x-fal-request-timeout-type': 'user' },
      body: { detail: 'Request timed out', error_type: 'request_timeout' },
    });
    const response = await post(emulator, 'fal.run/falkit/echo', {});
    expect(response.headers.get('x-fal-request-timeout-type')).toBe('user');
    expect(await response.json()).toEqual({ detail: 'Request timed out', error_type: 'request_timeout' });
  });

  it('answers an ingress 502 as an nginx page with no request id', async () => {
    const emulator = instant();
    emulator.faults.add({ type: 'ingress' });
    const response = await post(emulator, 'fal.run/falkit/echo', {});
    expect(response.status).toBe(502);
    expect(response.headers.get('x-fal-request-id')).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('nginx');
  });

  it('matches on host, method and path globs or regexes', async () => {
    const emulator = instant();
    emulator.faults.add({
      type: 'status',
      status: 503,
      path: '/falkit/*/requests/**',
      times: Number.POSITIVE_INFINITY,
    });
    emulator.faults.add({ type: 'status', status: 418, path: /any-llm/, times: -1 });
    const submitted = (await (await post(emulator, 'queue.fal.run/falkit/echo', {})).json()) as {
      status_url: string;
    };
    expect((await get(emulator, submitted.status_url)).status).toBe(503);
    expect((await get(emulator, submitted.status_url)).status).toBe(503);
    expect((await post(emulator, 'fal.run/fal-ai/any-llm', { prompt: 'x' })).status).toBe(418);
    expect((await post(emulator, 'fal.run/fal-ai/any-llm', { prompt: 'x' })).status).toBe(418);
    expect((await post(emulator, 'fal.run/falkit/echo', {})).status).toBe(200);
    emulator.faults.clear();
    expect((await get(emulator, submitted.status_url)).status).toBe(200);
  });

  it('refuses, when added, faults no response could carry out', () => {
    const emulator = instant();
    expect(() => emulator.faults.add({ type: 'status', status: 150 })).toThrow(TypeError);
    expect(() => emulator.faults.add({ type: 'status', status: 600 })).toThrow('200 to 599');
    expect(() => emulator.faults.add({ type: 'delay', ms: 2 ** 31 })).toThrow(TypeError);
    expect(() => emulator.faults.add({ type: 'delay', ms: Number.NaN })).toThrow(TypeError);
    expect(emulator.faults.list()).toEqual([]);
  });
});

describe('delay and drop faults', () => {
  it('delays a request, then answers it normally', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const emulator = instant();
      emulator.faults.add({ type: 'delay', ms: 5_000 });
      let settled = false;
      const pending = post(emulator, 'fal.run/falkit/echo', { d: 1 }).then((response) => {
        settled = true;
        return response;
      });
      await vi.advanceTimersByTimeAsync(4_900);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      expect(await (await pending).json()).toEqual({ d: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops the connection before handling: fetch fails and no job is created', async () => {
    const emulator = instant();
    emulator.faults.add({ type: 'drop', method: 'POST' });
    const failure = await post(emulator, 'queue.fal.run/falkit/echo', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError & { cause: { code: string } }).cause.code).toBe('ECONNRESET');
    expect(emulator.jobs()).toEqual([]);
    expect(emulator.requests().at(-1)).toMatchObject({ status: 0, fault: 'drop' });
  });

  it('drops the response after a submit was accepted: the job exists, the caller never learns its id', async () => {
    const emulator = instant();
    emulator.faults.add({ type: 'drop', after: true, host: 'queue.fal.run' });
    await expect(post(emulator, 'queue.fal.run/falkit/echo', { lost: true })).rejects.toThrow('fetch failed');
    expect(emulator.jobs()).toHaveLength(1);
    expect(emulator.jobs()[0]!.endpointId).toBe('falkit/echo');
  });
});

describe('stream faults', () => {
  async function streamWith(emulator: Emulator) {
    emulator.app('test/five', async function* () {
      for (let n = 1; n <= 5; n++) yield { n };
    });
    return post(emulator, 'fal.run/test/five/stream', {});
  }

  it('truncates an SSE stream after N events', async () => {
    const emulator = instant();
    emulator.faults.add({ type: 'truncate', afterEvents: 2 });
    expect(await readSse(await streamWith(emulator))).toEqual([{ n: 1 }, { n: 2 }]);
    expect(emulator.openConnections()).toBe(0);
  });

  it('resets the connection mid-stream with abrupt: true', async () => {
    const emulator = instant();
    emulator.faults.add({ type: 'truncate', afterEvents: 1, abrupt: true });
    const response = await streamWith(emulator);
    await expect(response.text()).rejects.toThrow();
  });

  it('corrupts an SSE stream after N events', async () => {
    const emulator = instant();
    emulator.faults.add({ type: 'corrupt', afterEvents: 3 });
    const events = await readSse(await streamWith(emulator));
    expect(events.slice(0, 3)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(events).toHaveLength(4);
    expect(typeof events[3]).toBe('string');
    expect(() => JSON.parse(events[3] as string)).toThrow();
  });

  it('applies to the status stream too (never the plain status route)', async () => {
    const emulator = createEmulator({ speed: 0 });
    emulator.faults.add({ type: 'truncate', afterEvents: 0 });
    const submitted = (await (await post(emulator, 'queue.fal.run/falkit/echo', {})).json()) as {
      status_url: string;
    };
    await waitCompleted(emulator, submitted.status_url);
    expect(await readSse(await get(emulator, `${submitted.status_url}/stream`))).toEqual([]);
    expect(emulator.faults.list()).toEqual([]);
  });
});

describe('request log and jobs', () => {
  it('records method, url, host, path, status and time for fal routes only', async () => {
    let now = Date.parse('2026-05-01T12:00:00Z');
    const emulator = createEmulator({ speed: 0, now: () => now });
    await post(emulator, 'queue.fal.run/falkit/echo', {});
    now += 1000;
    await post(emulator, 'fal.run/nobody/nothing', {});
    await get(emulator, `${ORIGIN}/__emulator/jobs`);
    const log = emulator.requests();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      id: 1,
      method: 'POST',
      url: `${ORIGIN}/queue.fal.run/falkit/echo`,
      host: 'queue.fal.run',
      path: '/falkit/echo',
      status: 200,
      time: '2026-05-01T12:00:00.000Z',
      requestId: expect.any(String),
    });
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(log[1]).toMatchObject({ status: 404, time: '2026-05-01T12:00:01.000Z' });
    emulator.clearRequests();
    expect(emulator.requests()).toEqual([]);
  });
});

describe('control routes over HTTP', () => {
  let emulator: Emulator;
  let server: ListeningEmulator;
  beforeAll(async () => {
    emulator = createEmulator({ speed: 0 });
    server = await emulator.listen({ port: 0 });
  });
  afterAll(() => emulator.close());

  it('adds, lists and clears faults; reports requests and jobs; resets', async () => {
    const base = `${server.url}/__emulator`;
    const added = await fetch(`${base}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'status', status: 503, host: 'fal.run', times: 2 }),
    });
    expect(added.status).toBe(201);
    const fault = (await added.json()) as { id: string; remaining: number };
    expect(fault.remaining).toBe(2);
    expect(((await (await fetch(`${base}/faults`)).json()) as unknown[]).length).toBe(1);
    expect((await fetch(`${server.url}/fal.run/falkit/echo`, { method: 'POST', body: '{}' })).status).toBe(
      503,
    );
    expect((await fetch(`${base}/faults/${fault.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${server.url}/fal.run/falkit/echo`, { method: 'POST', body: '{}' })).status).toBe(
      200,
    );

    const bad = await fetch(`${base}/faults`, { method: 'POST', body: JSON.stringify({ type: 'explode' }) });
    expect(bad.status).toBe(400);
    const regex = await fetch(`${base}/faults`, {
      method: 'POST',
      body: JSON.stringify({ type: 'status', status: 500, pathRegex: '^/falkit/e.ho$' }),
    });
    expect(regex.status).toBe(201);
    expect((await fetch(`${server.url}/fal.run/falkit/echo`, { method: 'POST', body: '{}' })).status).toBe(
      500,
    );

    const requests = (await (await fetch(`${base}/requests`)).json()) as {
      method: string;
      status: number;
      host: string;
    }[];
    expect(requests.map((entry) => entry.status)).toEqual([503, 200, 500]);
    expect(requests.every((entry) => entry.method === 'POST' && entry.host === 'fal.run')).toBe(true);
    const jobs = (await (await fetch(`${base}/jobs`)).json()) as { endpointId: string }[];
    expect(jobs).toHaveLength(1);

    expect((await fetch(`${base}/reset`, { method: 'POST' })).status).toBe(204);
    expect(await (await fetch(`${base}/requests`)).json()).toEqual([]);
    expect(await (await fetch(`${base}/jobs`)).json()).toEqual([]);
    expect(await (await fetch(`${base}/faults`)).json()).toEqual([]);
  });

  it('reports open connections over HTTP: a status stream counts until it ends', async () => {
    const base = `${server.url}/__emulator`;
    const open = async () => ((await (await fetch(`${base}/connections`)).json()) as { open: number }).open;
    expect(await open()).toBe(0);
    let release = () => {};
    emulator.app('test/held', () => new Promise((resolve) => (release = () => resolve({ ok: true }))));
    const submitted = (await (
      await fetch(`${server.url}/queue.fal.run/test/held`, { method: 'POST', body: '{}' })
    ).json()) as { status_url: string };
    const stream = await fetch(`${submitted.status_url}/stream`);
    expect(await open()).toBe(1);
    release();
    await stream.text();
    await vi.waitFor(async () => expect(await open()).toBe(0));
    expect((await fetch(`${base}/connections`, { method: 'POST' })).status).toBe(405);
  });

  it('destroys the socket for a dropped connection, and keeps serving', async () => {
    emulator.faults.add({ type: 'drop' });
    await expect(fetch(`${server.url}/fal.run/falkit/echo`, { method: 'POST', body: '{}' })).rejects.toThrow(
      'fetch failed',
    );
    expect(
      (await fetch(`${server.url}/fal.run/falkit/echo`, { method: 'POST', body: '{"up":1}' })).status,
    ).toBe(200);
  });
});

describe('abrupt truncation', () => {
  it('delivers the events sent before the reset, then fails the read', async () => {
    const emulator = instant();
    emulator.app('test/five', async function* () {
      for (let n = 1; n <= 5; n++) yield { n };
    });
    emulator.faults.add({ type: 'truncate', afterEvents: 2, abrupt: true });
    const response = await post(emulator, 'fal.run/test/five/stream', {});
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += decoder.decode(value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(text).toBe('data: {"n":1}\n\ndata: {"n":2}\n\n');
  });
});
