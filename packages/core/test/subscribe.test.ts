import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type QueueStatus, TimeoutError } from '@falkit/core';
import { TIMERS_ONLY, gatedApp } from './helpers/gatedApp';
import { requestLines, setup } from './helpers/emulatorClient';

const { emulator, client, sent } = setup({ emulator: { workers: 1 } });
const gated = gatedApp(emulator);

beforeEach(() => {
  emulator.reset();
  gated.reset();
  sent.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

const isStream = (line: string) => line.endsWith('/status/stream');
const isStatus = (line: string) => line.endsWith('/status');
const waitForJob = (status: string) =>
  vi.waitFor(() => expect(emulator.jobs().at(-1)?.status).toBe(status), { timeout: 2000, interval: 5 });

describe('subscribe', () => {
  test('streams status by default: submit, one status stream, result — nothing else', async () => {
    const updates: QueueStatus[] = [];
    const enqueued: string[] = [];
    const result = await client.subscribe('falkit/echo', {
      input: { value: 1, logs: 3 },
      logs: true,
      onEnqueue: (id) => enqueued.push(id),
      onQueueUpdate: (status) => updates.push(status),
    });
    expect(result.data).toMatchObject({ value: 1 });
    expect(result.requestId).toBe(enqueued[0]);
    const lines = requestLines(emulator);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('POST queue.fal.run/falkit/echo');
    expect(isStream(lines[1]!)).toBe(true);
    expect(lines[2]).toBe(`GET queue.fal.run/falkit/echo/requests/${result.requestId}`);
    const last = updates.at(-1)!;
    expect(last.status).toBe('COMPLETED');
    expect(last.status === 'COMPLETED' && last.logs.map((log) => log.message)).toEqual([
      'echo: step 1 of 3',
      'echo: step 2 of 3',
      'echo: step 3 of 3',
    ]);
    expect(emulator.openConnections()).toBe(0);
  });

  test('logs accumulate across updates without duplicates (stream and polling)', async () => {
    for (const mode of ['streaming', 'polling'] as const) {
      gated.reset();
      emulator.clearRequests();
      const updates: QueueStatus[] = [];
      const pending = client.subscribe(gated.id, {
        input: {},
        logs: true,
        mode,
        pollInterval: mode === 'polling' ? 5 : undefined,
        onQueueUpdate: (status) => updates.push(status),
      });
      await vi.waitFor(() => expect(updates.some((u) => u.status === 'IN_PROGRESS')).toBe(true));
      gated.release();
      await pending;
      const final = updates.at(-1)!;
      expect(final.status === 'COMPLETED' && final.logs.map((log) => log.message)).toEqual([
        'started',
        'finished',
      ]);
      for (const update of updates) {
        if (update.status === 'IN_QUEUE') continue;
        const keys = update.logs.map((log) => `${log.timestamp}${log.message}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
      if (mode === 'polling') expect(requestLines(emulator).some(isStream)).toBe(false);
    }
  });

  test('mode polling polls status and never opens a stream', async () => {
    const result = await client.subscribe('falkit/echo', { input: { a: 1 }, mode: 'polling' });
    expect(result.data).toEqual({ a: 1 });
    const lines = requestLines(emulator);
    expect(lines.filter(isStream)).toEqual([]);
    expect(lines.filter(isStatus).length).toBeGreaterThanOrEqual(1);
  });

  test('a dropped status stream is resumed with one status GET and reopened', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'truncate',
      afterEvents: 1,
    });
    const pending = client.subscribe(gated.id, { input: {} });
    await waitForJob('IN_PROGRESS');
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(1));
    gated.log('one more line');
    await vi.waitFor(() => expect(requestLines(emulator).filter(isStream)).toHaveLength(2));
    gated.release();
    const result = await pending;
    expect(result.data).toMatchObject({ done: true });
    const lines = requestLines(emulator);
    const firstStream = lines.findIndex(isStream);
    expect(isStatus(lines[firstStream + 1]!)).toBe(true);
    expect(isStream(lines[firstStream + 2]!)).toBe(true);
    expect(emulator.openConnections()).toBe(0);
  });

  test('an abruptly reset stream and a corrupt SSE event are treated as drops', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'truncate',
      afterEvents: 1,
      abrupt: true,
    });
    emulator.faults.add({ host: 'queue.fal.run', path: '**/status/stream', type: 'corrupt', afterEvents: 0 });
    const pending = client.subscribe(gated.id, { input: {} });
    await waitForJob('IN_PROGRESS');
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(1));
    gated.log('one more line');
    await vi.waitFor(() => expect(requestLines(emulator).filter(isStream)).toHaveLength(3));
    gated.release();
    await expect(pending).resolves.toMatchObject({ data: { done: true } });
    expect(requestLines(emulator).filter(isStatus)).toHaveLength(2);
  });

  test('falls back to polling when the stream route is missing (404)', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'status',
      status: 404,
      times: Infinity,
    });
    const pending = client.subscribe(gated.id, { input: {} });
    await vi.waitFor(() => expect(requestLines(emulator).filter(isStatus).length).toBeGreaterThanOrEqual(2));
    gated.release();
    await expect(pending).resolves.toMatchObject({ data: { done: true } });
    expect(requestLines(emulator).filter(isStream)).toHaveLength(1);
  });

  test('falls back to polling when the stream answers without text/event-stream', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'status',
      status: 200,
      body: { status: 'IN_QUEUE' },
      times: Infinity,
    });
    await expect(client.subscribe('falkit/echo', { input: { x: 1 } })).resolves.toMatchObject({
      data: { x: 1 },
    });
    expect(requestLines(emulator).filter(isStream)).toHaveLength(1);
  });

  test('falls back to polling after repeated drops', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'truncate',
      afterEvents: 0,
      times: Infinity,
    });
    const pending = client.subscribe(gated.id, { input: {} });
    await vi.waitFor(() => expect(requestLines(emulator).filter(isStatus).length).toBeGreaterThanOrEqual(4));
    gated.release();
    await expect(pending).resolves.toMatchObject({ data: { done: true } });
    expect(requestLines(emulator).filter(isStream)).toHaveLength(3);
  });

  test('a silent stream (no keep-alive for 45 s) is presumed dead and reopened', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    const quiet = setup({ emulator: { keepAliveMs: 600_000 } });
    const app = gatedApp(quiet.emulator);
    const pending = quiet.client.subscribe(app.id, { input: {} });
    await vi.advanceTimersByTimeAsync(44_000);
    expect(requestLines(quiet.emulator).filter(isStream)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    const lines = requestLines(quiet.emulator);
    expect(lines.filter(isStream)).toHaveLength(2);
    expect(lines.filter(isStatus)).toHaveLength(1);
    app.release();
    await vi.advanceTimersByTimeAsync(100);
    await expect(pending).resolves.toMatchObject({ data: { done: true } });
    expect(vi.getTimerCount()).toBe(0);
    await quiet.emulator.close();
  });

  test('a stream that keeps dying after one event is reopened ever more slowly', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'truncate',
      afterEvents: 1,
      times: Infinity,
    });
    const pending = client.subscribe(gated.id, { input: {} });
    for (let i = 0; i < 30; i++) {
      await vi.advanceTimersByTimeAsync(100);
      gated.log(`line ${i}`);
    }
    const opened = requestLines(emulator).filter(isStream).length;
    // 3 s of one-event streams: backoff 50 ms → 1.5 s allows ~7 reopenings, not 30.
    expect(opened).toBeGreaterThan(3);
    expect(opened).toBeLessThan(12);
    gated.release();
    await vi.advanceTimersByTimeAsync(3000);
    await expect(pending).resolves.toMatchObject({ data: { done: true } });
  });

  test('polling adapts: starts fast, backs off, and a fixed pollInterval is honoured', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    const pending = client.subscribe(gated.id, { input: {}, mode: 'polling' });
    await vi.advanceTimersByTimeAsync(10_000);
    const polls = requestLines(emulator).filter(isStatus).length;
    // 50 ms growing ×1.5 up to 1.5 s: about 13 polls in 10 s, instead of 200 at a fixed 50 ms.
    expect(polls).toBeGreaterThan(8);
    expect(polls).toBeLessThan(20);
    gated.release();
    await vi.advanceTimersByTimeAsync(1500);
    await expect(pending).resolves.toMatchObject({ data: { done: true } });
    emulator.reset();
    gated.reset();
    const fixed = client.subscribe(gated.id, { input: {}, mode: 'polling', pollInterval: 1000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requestLines(emulator).filter(isStatus)).toHaveLength(11);
    gated.release();
    await vi.advanceTimersByTimeAsync(1000);
    await fixed;
    expect(vi.getTimerCount()).toBe(0);
  });

  test('timeout rejects with TimeoutError, cancels the server job and leaks nothing', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    const pending = client.subscribe(gated.id, { input: {}, timeout: 5000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5001);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).requestId).toBe(emulator.jobs()[0]?.requestId);
    expect(emulator.jobs()[0]?.status).toBe('CANCELLED');
    expect(requestLines(emulator).at(-1)).toMatch(/\/cancel$/);
    expect(emulator.openConnections()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('defaultTimeout from the client config applies when no timeout is given', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    const limited = setup({ client: { defaultTimeout: 2000 } });
    const app = gatedApp(limited.emulator);
    const pending = limited.client.subscribe(app.id, { input: {} }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2001);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(limited.emulator.jobs()[0]?.status).toBe('CANCELLED');
  });
});

describe('subscribe: abort at every stage', () => {
  const expectAbortError = (error: unknown) => {
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  };

  test('before submit: nothing is sent', async () => {
    const controller = new AbortController();
    controller.abort();
    expectAbortError(
      await client.subscribe('falkit/echo', { abortSignal: controller.signal }).catch((e) => e),
    );
    expect(emulator.requests()).toEqual([]);
  });

  test('while the submit is in flight: rejects at once; the job fal creates is cancelled when its id arrives', async () => {
    emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'delay', ms: 200 });
    const controller = new AbortController();
    const pending = client.subscribe(gated.id, { input: {}, abortSignal: controller.signal }).catch((e) => e);
    await vi.waitFor(() => expect(sent.some((request) => request.method === 'POST')).toBe(true));
    controller.abort();
    expectAbortError(await pending);
    expect(emulator.jobs()).toEqual([]); // the submit has not been answered yet
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'), { timeout: 2000 });
    expect(requestLines(emulator).filter((line) => line.endsWith('/cancel'))).toHaveLength(1);
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
  });

  test('while queued and while running: the job is cancelled on the server', async () => {
    for (const stage of ['IN_QUEUE', 'IN_PROGRESS'] as const) {
      emulator.reset();
      gated.reset();
      const blocker =
        stage === 'IN_QUEUE' ? client.subscribe(gated.id, { input: { blocker: true } }) : undefined;
      if (blocker) await waitForJob('IN_PROGRESS');
      const controller = new AbortController();
      const pending = client
        .subscribe(gated.id, { input: {}, abortSignal: controller.signal })
        .catch((e) => e);
      await waitForJob(stage);
      controller.abort();
      expectAbortError(await pending);
      expect(emulator.jobs().at(-1)?.status).toBe('CANCELLED');
      gated.release();
      await blocker;
      expect(emulator.openConnections()).toBe(0);
    }
  });

  test('cancelOnAbort: false leaves the job running', async () => {
    const controller = new AbortController();
    const pending = client
      .subscribe(gated.id, { input: {}, abortSignal: controller.signal, cancelOnAbort: false })
      .catch((e) => e);
    await waitForJob('IN_PROGRESS');
    controller.abort();
    expectAbortError(await pending);
    expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS');
    expect(requestLines(emulator).some((line) => line.endsWith('/cancel'))).toBe(false);
    gated.release();
  });

  test('during a retry sleep: the sleep ends at once and nothing leaks', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    emulator.faults.add({
      host: 'queue.fal.run',
      path: '**/status/stream',
      type: 'status',
      status: 503,
      retryAfter: 30,
    });
    const controller = new AbortController();
    const retries: number[] = [];
    const pending = client
      .subscribe(gated.id, {
        input: {},
        abortSignal: controller.signal,
        onRetry: (info) => retries.push(info.delayMs),
      })
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(retries).toEqual([30_000]);
    controller.abort();
    expectAbortError(await pending);
    expect(vi.getTimerCount()).toBe(0);
    expect(emulator.jobs()[0]?.status).toBe('CANCELLED');
  });

  test('during the result fetch: the signal reaches result()', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      method: 'GET',
      path: /\/requests\/[^/]+$/,
      type: 'delay',
      ms: 60_000,
    });
    const controller = new AbortController();
    const pending = client
      .subscribe('falkit/echo', { input: {}, abortSignal: controller.signal })
      .catch((e) => e);
    await vi.waitFor(() => expect(sent.at(-1)?.url).toMatch(/\/requests\/[^/]+$/));
    controller.abort();
    expectAbortError(await pending);
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
  });
});
