import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, type AppContext, createEmulator } from '@falkit/emulator';
import { deferred, get, instant, post, put, readSse, waitCompleted } from './helpers.js';

interface Submitted {
  status: string;
  request_id: string;
  response_url: string;
  status_url: string;
  cancel_url: string;
  queue_position: number;
}

async function submit(
  emulator: ReturnType<typeof createEmulator>,
  id: string,
  input: unknown = {},
  headers?: Record<string, string>,
) {
  const response = await post(emulator, `queue.fal.run/${id}`, input, headers);
  expect(response.status).toBe(200);
  return (await response.json()) as Submitted;
}

/** An app whose jobs run until the test releases them. */
function gatedApp() {
  const gates: Array<{ resolve: () => void; context: AppContext }> = [];
  const handler = async (context: AppContext) => {
    const gate = deferred();
    gates.push({ resolve: gate.resolve, context });
    await Promise.race([
      gate.promise,
      new Promise((_, reject) =>
        context.signal.addEventListener('abort', () => reject(context.signal.reason)),
      ),
    ]);
    return { done: (context.input as { n?: number }).n ?? null };
  };
  return { gates, handler };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('queue submit, status and result', () => {
  it('returns IN_QUEUE with owner/alias URLs and replays the result', async () => {
    const emulator = instant();
    const queued = await submit(emulator, 'falkit/echo', { hello: 'world', logs: 2 });
    expect(queued).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });
    expect(queued.response_url).toBe(
      `http://emulator.test/queue.fal.run/falkit/echo/requests/${queued.request_id}`,
    );
    expect(queued.status_url).toBe(`${queued.response_url}/status`);
    expect(queued.cancel_url).toBe(`${queued.response_url}/cancel`);
    const done = await waitCompleted(emulator, `${queued.status_url}?logs=1`);
    expect(done.metrics).toEqual({ inference_time: expect.any(Number) });
    expect((done.logs as unknown[]).length).toBe(2);
    const result = await get(emulator, queued.response_url);
    expect(result.status).toBe(200);
    expect(result.headers.get('x-fal-request-id')).toBe(queued.request_id);
    expect(await result.json()).toEqual({ hello: 'world', logs: 2 });
  });

  it('accepts logs=1|true and answers logs: null for logs=0|false or none', async () => {
    const emulator = instant();
    const queued = await submit(emulator, 'falkit/echo', { logs: 1 });
    await waitCompleted(emulator, queued.status_url);
    for (const [query, hasLogs] of [
      ['?logs=1', true],
      ['?logs=true', true],
      ['?logs=0', false],
      ['?logs=false', false],
      ['', false],
    ] as const) {
      const body = (await (await get(emulator, `${queued.status_url}${query}`)).json()) as { logs: unknown };
      if (hasLogs) expect(body.logs).toHaveLength(1);
      else expect(body.logs).toBeNull();
    }
  });

  it('answers 202 while pending, 200 when done, and 400 for an early result', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    const queued = await submit(emulator, 'test/gated');
    await flush();
    const pending = await get(emulator, queued.status_url);
    expect(pending.status).toBe(202);
    expect(await pending.json()).toMatchObject({ status: 'IN_PROGRESS', logs: null });
    const early = await get(emulator, queued.response_url);
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual({
      detail: 'Request is still in progress',
      response_url: queued.response_url,
      status_url: queued.status_url,
      cancel_url: queued.cancel_url,
    });
    gates[0]!.resolve();
    await flush();
    expect((await get(emulator, queued.status_url)).status).toBe(200);
  });

  it('answers 404 for unknown request ids, and for ids under another app', async () => {
    const emulator = instant();
    const queued = await submit(emulator, 'falkit/echo');
    await waitCompleted(emulator, queued.status_url);
    expect((await get(emulator, 'queue.fal.run/falkit/echo/requests/nope/status')).status).toBe(404);
    expect((await get(emulator, 'queue.fal.run/falkit/echo/requests/nope')).status).toBe(404);
    expect((await get(emulator, `queue.fal.run/fal-ai/fast-sdxl/requests/${queued.request_id}`)).status).toBe(
      404,
    );
  });

  it('replays a model error as the result, and the status stays COMPLETED', async () => {
    const emulator = instant();
    const queued = await submit(emulator, 'fal-ai/fast-sdxl', {});
    const status = await waitCompleted(emulator, queued.status_url);
    expect(status.error).toBeUndefined();
    const result = await get(emulator, queued.response_url);
    expect(result.status).toBe(422);
    expect(((await result.json()) as { detail: unknown[] }).detail).toHaveLength(1);
  });
});

describe('queue positions and priority', () => {
  it('reports real positions that decrease as workers free up (workers = 1)', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    const jobs: Submitted[] = [];
    for (let n = 0; n < 4; n++) jobs.push(await submit(emulator, 'test/gated', { n }));
    await flush();
    const positions = async () =>
      Promise.all(
        jobs.map(
          async (job) =>
            (await (await get(emulator, job.status_url)).json()) as {
              status: string;
              queue_position?: number;
            },
        ),
      );
    expect((await positions()).map((s) => s.queue_position ?? s.status)).toEqual(['IN_PROGRESS', 0, 1, 2]);
    gates[0]!.resolve();
    await flush();
    expect((await positions()).map((s) => s.queue_position ?? s.status)).toEqual([
      'COMPLETED',
      'IN_PROGRESS',
      0,
      1,
    ]);
    gates[1]!.resolve();
    await flush();
    expect((await positions()).map((s) => s.queue_position ?? s.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'IN_PROGRESS',
      0,
    ]);
    expect(emulator.jobs().map((job) => job.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'IN_PROGRESS',
      'IN_QUEUE',
    ]);
  });

  it('refuses a submit with 429 queue_full once the app has fal_max_queue_length requests waiting', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    emulator.app('test/other', handler);
    await submit(emulator, 'test/gated', { n: 0 });
    await flush(); // n: 0 runs, so nothing waits yet
    await submit(emulator, 'test/gated?fal_max_queue_length=1', { n: 1 });
    const refused = await post(emulator, 'queue.fal.run/test/gated?fal_max_queue_length=1', { n: 2 });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-fal-error-type')).toBe('queue_full');
    expect(refused.headers.get('x-fal-request-id')).toBeNull();
    expect(await refused.json()).toEqual({
      detail: 'Queue is full: 1 requests waiting (fal_max_queue_length=1)',
      error_type: 'queue_full',
    });
    // The cap counts this app's waiting requests only, and a higher cap or none still admits.
    await submit(emulator, 'test/other?fal_max_queue_length=1', { n: 3 });
    await submit(emulator, 'test/gated?fal_max_queue_length=2', { n: 4 });
    await submit(emulator, 'test/gated', { n: 5 });
    expect(emulator.jobs().map((job) => job.appId)).toEqual([
      'test/gated',
      'test/gated',
      'test/other',
      'test/gated',
      'test/gated',
    ]);
    // Once the running job finishes, one waiting job starts and a submit under the cap fits again.
    gates[0]!.resolve();
    await flush();
    await submit(emulator, 'test/gated?fal_max_queue_length=3', { n: 6 });
    await emulator.close();
  });

  it('accepts x-fal-no-retry and, with or without it, never retries a failing job', async () => {
    const emulator = instant();
    let calls = 0;
    emulator.app('test/busy', () => {
      calls++;
      throw new AppError(503, { detail: 'busy' });
    });
    for (const headers of [{ 'x-fal-no-retry': '1' }, { 'x-fal-no-retry': 'yes' }, undefined]) {
      const queued = await submit(emulator, 'test/busy', {}, headers);
      await waitCompleted(emulator, queued.status_url);
      expect((await get(emulator, queued.response_url)).status).toBe(503);
    }
    expect(calls).toBe(3);
  });

  it('rejects a malformed fal_max_queue_length with 400 bad_request and creates no job', async () => {
    const emulator = instant();
    for (const value of ['-1', '1.5', 'many', '']) {
      const response = await post(emulator, `queue.fal.run/falkit/echo?fal_max_queue_length=${value}`, {});
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error_type: 'bad_request' });
    }
    expect(emulator.jobs()).toEqual([]);
  });

  it('runs low priority after normal, whatever the submit order', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    await submit(emulator, 'test/gated', { n: 0 });
    await submit(emulator, 'test/gated', { n: 1 }, { 'x-fal-queue-priority': 'low' });
    await submit(emulator, 'test/gated', { n: 2 }, { 'x-fal-queue-priority': 'normal' });
    await flush();
    for (let i = 0; i < 3; i++) {
      gates[i]!.resolve();
      await flush();
    }
    expect(gates.map((gate) => (gate.context.input as { n: number }).n)).toEqual([0, 2, 1]);
  });

  it('pushes every change on the status stream and closes after COMPLETED', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', async (context) => {
      context.log('starting');
      return handler(context);
    });
    await submit(emulator, 'test/gated');
    const second = await submit(emulator, 'test/gated');
    await flush();
    const streamed = get(emulator, `${second.status_url}/stream?logs=1`).then(readSse);
    await flush();
    gates[0]!.resolve();
    await flush();
    gates[1]!.resolve();
    const events = (await streamed) as {
      status: string;
      queue_position?: number;
      logs?: { message: string }[];
    }[];
    expect(events.map((event) => event.status)).toEqual([
      'IN_QUEUE',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'COMPLETED',
    ]);
    expect(events[0]!.queue_position).toBe(0);
    // Each event carries only the log lines added since the previous one.
    expect(events.flatMap((event) => event.logs ?? []).map((log) => log.message)).toEqual(['starting']);
    expect(emulator.openConnections()).toBe(0);
  });

  it('sends the lines of one logLines call in one status-stream event', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    const queued = await submit(emulator, 'test/gated');
    const streamed = get(emulator, `${queued.status_url}/stream?logs=1`).then(readSse);
    await flush();
    gates[0]!.context.logLines(['one', 'two', 'three'], 'STDOUT');
    gates[0]!.context.log('four');
    gates[0]!.resolve();
    const events = (await streamed) as { status: string; logs?: { message: string; level: string }[] }[];
    const withLogs = events.filter((event) => (event.logs ?? []).length > 0);
    expect(withLogs.map((event) => event.logs!.map((log) => log.message))).toEqual([
      ['one', 'two', 'three'],
      ['four'],
    ]);
    expect(withLogs[0]!.logs!.map((log) => log.level)).toEqual(['STDOUT', 'STDOUT', 'STDOUT']);
    expect(emulator.jobs()[0]!.logCount).toBe(4);
  });

  it('sends keep-alive comments on the status stream every 15 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    const queued = await submit(emulator, 'test/gated');
    const response = await get(emulator, `${queued.status_url}/stream`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    await vi.advanceTimersByTimeAsync(15_000);
    text += decoder.decode((await reader.read()).value);
    expect(text).toContain(': ping\n\n');
    await reader.cancel();
    expect(emulator.openConnections()).toBe(0);
    gates[0]?.resolve();
  });
});

describe('start timeout (x-fal-request-timeout)', () => {
  it('fails a job not started in time with 504 and x-fal-request-timeout-type: user', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    await submit(emulator, 'test/gated');
    const waiting = await submit(emulator, 'test/gated', {}, { 'x-fal-request-timeout': '2.5' });
    const started = await submit(emulator, 'test/gated', {}, { 'x-fal-request-timeout': '30' });
    await vi.advanceTimersByTimeAsync(2_400);
    expect(((await (await get(emulator, waiting.status_url)).json()) as { status: string }).status).toBe(
      'IN_QUEUE',
    );
    await vi.advanceTimersByTimeAsync(200);
    const status = (await (await get(emulator, waiting.status_url)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      status: 'COMPLETED',
      error: 'Request timed out',
      error_type: 'request_timeout',
    });
    const result = await get(emulator, waiting.response_url);
    expect(result.status).toBe(504);
    expect(result.headers.get('x-fal-request-timeout-type')).toBe('user');
    expect(result.headers.get('x-fal-error-type')).toBe('request_timeout');
    // The third job moved up when the second timed out.
    expect(
      ((await (await get(emulator, started.status_url)).json()) as { queue_position: number }).queue_position,
    ).toBe(0);
    gates[0]!.resolve();
    await vi.advanceTimersByTimeAsync(1);
    expect(((await (await get(emulator, started.status_url)).json()) as { status: string }).status).toBe(
      'IN_PROGRESS',
    );
  });

  it('keeps a job with a start timeout beyond setTimeout range (~24.8 days) waiting', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    await submit(emulator, 'test/gated');
    const patient = await submit(emulator, 'test/gated', {}, { 'x-fal-request-timeout': '3000000' });
    await vi.advanceTimersByTimeAsync(1000);
    const status = (await (await get(emulator, patient.status_url)).json()) as { status: string };
    expect(status.status).toBe('IN_QUEUE');
    gates[0]!.resolve();
    await emulator.close();
  });

  it("keeps an app sleeping beyond setTimeout's range running until it is cancelled", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const emulator = createEmulator({ speed: 1 });
    const sleeper = await submit(emulator, 'falkit/echo', { delay_ms: 3_000_000_000 });
    await vi.advanceTimersByTimeAsync(2 ** 31);
    expect(((await (await get(emulator, sleeper.status_url)).json()) as { status: string }).status).toBe(
      'IN_PROGRESS',
    );
    await put(emulator, sleeper.cancel_url);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects malformed timeout headers with 400 bad_request', async () => {
    const emulator = instant();
    for (const value of ['abc', '-1', '0.05', '']) {
      const response = await post(
        emulator,
        'queue.fal.run/falkit/echo',
        {},
        { 'x-fal-request-timeout': value },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('x-fal-error-type')).toBe('bad_request');
      expect(((await response.json()) as { error_type: string }).error_type).toBe('bad_request');
    }
    expect(
      (await post(emulator, 'queue.fal.run/falkit/echo', {}, { 'x-fal-request-timeout': '30.0' })).status,
    ).toBe(200);
    expect(emulator.jobs()).toHaveLength(1);
  });
});

describe('cancel', () => {
  it('removes a queued job (202 CANCELLATION_REQUESTED); its result is a 499 client_cancelled error', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    await submit(emulator, 'test/gated', { n: 0 });
    const queued = await submit(emulator, 'test/gated', { n: 1 });
    const third = await submit(emulator, 'test/gated', { n: 2 });
    await flush();
    const cancel = await put(emulator, queued.cancel_url);
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toEqual({ status: 'CANCELLATION_REQUESTED' });
    expect(
      ((await (await get(emulator, third.status_url)).json()) as { queue_position: number }).queue_position,
    ).toBe(0);
    const status = (await (await get(emulator, queued.status_url)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'COMPLETED', error_type: 'client_cancelled' });
    const result = await get(emulator, queued.response_url);
    expect(result.status).toBe(499);
    expect(await result.json()).toEqual({
      detail: 'Request cancelled by user',
      error_type: 'client_cancelled',
    });
    gates[0]!.resolve();
    await flush();
    // The cancelled job never ran: the third one did.
    expect(gates.map((gate) => (gate.context.input as { n: number }).n)).toEqual([0, 2]);
    expect(emulator.jobs().find((job) => job.requestId === queued.request_id)?.status).toBe('CANCELLED');
  });

  it("aborts a running job's signal", async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    const running = await submit(emulator, 'test/gated');
    await flush();
    expect(gates[0]!.context.signal.aborted).toBe(false);
    const cancel = await put(emulator, running.cancel_url);
    expect(cancel.status).toBe(202);
    expect(gates[0]!.context.signal.aborted).toBe(true);
    expect((await get(emulator, running.response_url)).status).toBe(499);
    // The worker is free again.
    const next = await submit(emulator, 'test/gated');
    await flush();
    expect(((await (await get(emulator, next.status_url)).json()) as { status: string }).status).toBe(
      'IN_PROGRESS',
    );
  });

  it('ends the status stream of a running job with COMPLETED client_cancelled and sends an ERROR webhook', async () => {
    const delivered: unknown[] = [];
    const emulator = createEmulator({
      speed: 0,
      fetch: async (_input, init) => {
        delivered.push(JSON.parse(String(init?.body)));
        return new Response('ok');
      },
    });
    const { handler } = gatedApp();
    emulator.app('test/gated', handler);
    const hook = encodeURIComponent('https://example.com/hook');
    const running = await submit(emulator, `test/gated?fal_webhook=${hook}`);
    await flush();
    const streamed = get(emulator, `${running.status_url}/stream`).then(readSse);
    await flush();
    expect((await put(emulator, running.cancel_url)).status).toBe(202);
    const events = (await streamed) as { status: string; error_type?: string }[];
    expect(events.map((event) => event.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    expect(events[1]).toMatchObject({ error: 'Request cancelled by user', error_type: 'client_cancelled' });
    await emulator.webhooks.settled();
    expect(delivered).toEqual([
      {
        request_id: running.request_id,
        gateway_request_id: running.request_id,
        status: 'ERROR',
        error: 'Invalid status code: 499',
        payload: { detail: 'Request cancelled by user', error_type: 'client_cancelled' },
      },
    ]);
    expect(emulator.openConnections()).toBe(0);
  });

  it('releases the start-timeout timer of a job cancelled while queued', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    await submit(emulator, 'test/gated');
    const queued = await submit(emulator, 'test/gated', {}, { 'x-fal-request-timeout': '300' });
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    await put(emulator, queued.cancel_url);
    expect(vi.getTimerCount()).toBe(0);
    gates[0]!.resolve();
  });

  it('answers 400 ALREADY_COMPLETED for finished jobs and 404 NOT_FOUND for unknown ones', async () => {
    const emulator = instant();
    const done = await submit(emulator, 'falkit/echo');
    await waitCompleted(emulator, done.status_url);
    const late = await put(emulator, done.cancel_url);
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({ status: 'ALREADY_COMPLETED' });
    const unknown = await put(
      emulator,
      'queue.fal.run/falkit/echo/requests/00000000-0000-0000-0000-000000000000/cancel',
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status: 'NOT_FOUND' });
  });
});

describe('webhooks and retention', () => {
  it('POSTs the documented body to fal_webhook when the job finishes', async () => {
    const received: { url: string; body: unknown }[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      received.push({
        url: String(input instanceof Request ? input.url : input),
        body: JSON.parse(String(init?.body)),
      });
      return new Response('ok');
    };
    const emulator = createEmulator({ speed: 0, fetch: fetchSpy });
    const hook = 'https://example.com/hook?x=1';
    const queued = await submit(emulator, `falkit/echo?fal_webhook=${encodeURIComponent(hook)}`, { a: 1 });
    await waitCompleted(emulator, queued.status_url);
    await emulator.webhooks.settled();
    expect(received).toEqual([
      {
        url: hook,
        body: {
          request_id: queued.request_id,
          gateway_request_id: queued.request_id,
          status: 'OK',
          payload: { a: 1 },
        },
      },
    ]);
    const failing = await submit(emulator, `fal-ai/fast-sdxl?fal_webhook=${encodeURIComponent(hook)}`, {});
    await waitCompleted(emulator, failing.status_url);
    await emulator.webhooks.settled();
    expect(received[1]!.body).toMatchObject({
      status: 'ERROR',
      error: 'Invalid status code: 422',
      payload: { detail: expect.any(Array) },
    });
    await emulator.close();
  });

  it('forgets results after fal’s retention window (1 h)', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const emulator = createEmulator({ speed: 0, now: () => now });
    const queued = await submit(emulator, 'falkit/echo', { small: true });
    await waitCompleted(emulator, queued.status_url);
    now += 59 * 60 * 1000;
    expect((await get(emulator, queued.response_url)).status).toBe(200);
    now += 2 * 60 * 1000;
    expect((await get(emulator, queued.response_url)).status).toBe(404);
  });

  it('keeps results of 10 KB or more for only 6 minutes', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const emulator = createEmulator({ speed: 0, now: () => now });
    const large = await submit(emulator, 'falkit/echo', { text: 'x'.repeat(10 * 1024) });
    const small = await submit(emulator, 'falkit/echo', { text: 'x' });
    await waitCompleted(emulator, large.status_url);
    await waitCompleted(emulator, small.status_url);
    now += 5 * 60 * 1000;
    expect((await get(emulator, large.response_url)).status).toBe(200);
    now += 2 * 60 * 1000;
    expect((await get(emulator, large.response_url)).status).toBe(404);
    expect((await get(emulator, large.status_url)).status).toBe(404);
    expect((await get(emulator, small.response_url)).status).toBe(200);
  });

  it('expires generated files per x-fal-object-lifecycle-preference', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const emulator = createEmulator({ speed: 0, now: () => now });
    const response = await post(
      emulator,
      'fal.run/fal-ai/fast-sdxl',
      { prompt: 'x', image_size: { width: 4, height: 4 }, num_inference_steps: 1 },
      { 'x-fal-object-lifecycle-preference': JSON.stringify({ expiration_duration_seconds: 60 }) },
    );
    const { images } = (await response.json()) as { images: { url: string }[] };
    expect((await get(emulator, images[0]!.url)).status).toBe(200);
    now += 61_000;
    expect((await get(emulator, images[0]!.url)).status).toBe(404);
  });
});

describe('reset', () => {
  it('cancels every job without starting queued ones or sending webhooks', async () => {
    const delivered: string[] = [];
    const emulator = createEmulator({
      speed: 0,
      workers: 1,
      fetch: async (input) => {
        delivered.push(String(input));
        return new Response('ok');
      },
    });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    const hook = encodeURIComponent('https://example.com/hook');
    await submit(emulator, `test/gated?fal_webhook=${hook}`);
    await submit(emulator, `test/gated?fal_webhook=${hook}`);
    await flush();
    expect(gates).toHaveLength(1);
    emulator.reset();
    await flush();
    expect(gates).toHaveLength(1);
    expect(gates[0]!.context.signal.aborted).toBe(true);
    expect(emulator.jobs()).toEqual([]);
    await emulator.webhooks.settled();
    expect(delivered).toEqual([]);
  });

  it('tells status streams of queued jobs when a job ahead is cancelled', async () => {
    const emulator = createEmulator({ speed: 0, workers: 1 });
    const { gates, handler } = gatedApp();
    emulator.app('test/gated', handler);
    await submit(emulator, 'test/gated');
    const ahead = await submit(emulator, 'test/gated');
    const behind = await submit(emulator, 'test/gated');
    await flush();
    const response = await get(emulator, `${behind.status_url}/stream`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toContain('"queue_position":1');
    await put(emulator, ahead.cancel_url);
    expect(decoder.decode((await reader.read()).value)).toContain('"queue_position":0');
    await reader.cancel();
    gates[0]!.resolve();
  });
});
