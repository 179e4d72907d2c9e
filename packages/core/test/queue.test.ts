import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  ApiError,
  type QueueStatus,
  TimeoutError,
  isCompleted,
  isCompletedQueueStatus,
  isInProgress,
  isQueueStatus,
  isQueued,
} from '@falkit/core';
import { TIMERS_ONLY, gatedApp } from './helpers/gatedApp';
import { requestLines, setup } from './helpers/emulatorClient';

const { emulator, client } = setup({ emulator: { workers: 1 } });
const gated = gatedApp(emulator);

beforeEach(() => {
  emulator.reset();
  gated.reset();
});
afterEach(() => vi.useRealTimers());

describe('queue (drop-in QueueClient)', () => {
  test('submit → status → subscribeToStatus → result, with typed statuses and guards', async () => {
    const queued = await client.queue.submit(gated.id, { input: { n: 1 } });
    expect(queued).toMatchObject({ status: 'IN_QUEUE', request_id: expect.any(String) });
    expect(queued.status_url).toMatch(/\/requests\/.+\/status$/);
    const { request_id: requestId } = queued;
    await vi.waitFor(async () =>
      expect(isInProgress(await client.queue.status(gated.id, { requestId }))).toBe(true),
    );
    const running = await client.queue.status(gated.id, { requestId, logs: true });
    expect(isQueued(running) || isCompleted(running)).toBe(false);
    expect(running.status === 'IN_PROGRESS' && running.logs.map((log) => log.message)).toEqual(['started']);
    const updates: QueueStatus[] = [];
    const done = client.queue.subscribeToStatus(gated.id, {
      requestId,
      logs: true,
      onQueueUpdate: (s) => updates.push(s),
    });
    await vi.waitFor(() => expect(updates.length).toBeGreaterThan(0));
    gated.release();
    const completed = await done;
    expect(isCompleted(completed)).toBe(true);
    expect(completed.logs.map((log) => log.message)).toEqual(['started', 'finished']);
    const result = await client.queue.result(gated.id, { requestId });
    expect(result).toEqual({ data: { done: true, input: { n: 1 } }, requestId });
  });

  test('isQueued reports the queue position', async () => {
    await client.queue.submit(gated.id, { input: {} });
    const second = await client.queue.submit(gated.id, { input: {} });
    const status = await client.queue.status(gated.id, { requestId: second.request_id });
    expect(isQueued(status) && status.queue_position).toBe(0);
    await client.queue.cancel(gated.id, { requestId: second.request_id });
    expect(emulator.jobs()[1]?.status).toBe('CANCELLED');
  });

  test('aborting submit while the POST is in flight cancels the job fal creates (unless cancelOnAbort: false)', async () => {
    for (const cancelOnAbort of [undefined, false]) {
      emulator.reset();
      gated.reset();
      emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'delay', ms: 100 });
      const controller = new AbortController();
      const pending = client.queue
        .submit(gated.id, { input: {}, abortSignal: controller.signal, cancelOnAbort })
        .catch((e: unknown) => e);
      await vi.waitFor(() => expect(emulator.openConnections()).toBe(1));
      controller.abort();
      expect(((await pending) as DOMException).name).toBe('AbortError');
      // The emulator still creates the job (like a server that got the body before the client left).
      await vi.waitFor(() => expect(emulator.jobs()).toHaveLength(1));
      if (cancelOnAbort === false) {
        await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
        expect(requestLines(emulator).some((line) => line.endsWith('/cancel'))).toBe(false);
      } else {
        await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
      }
    }
  });

  test('cancel of a completed request rejects with ApiError', async () => {
    const { request_id } = await client.queue.submit('falkit/echo', { input: {} });
    await client.queue.subscribeToStatus('falkit/echo', { requestId: request_id, mode: 'polling' });
    const error = await client.queue
      .cancel('falkit/echo', { requestId: request_id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
  });

  test('streamStatus gives a FalStream of statuses whose done() is the COMPLETED status', async () => {
    const { request_id: requestId } = await client.queue.submit(gated.id, { input: {} });
    const stream = await client.queue.streamStatus(gated.id, { requestId, logs: true });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const status of stream) seen.push(status.status);
    })();
    await vi.waitFor(() => expect(seen).toContain('IN_PROGRESS'));
    gated.release();
    await loop;
    expect((await stream.done()).status).toBe('COMPLETED');
    expect(seen.at(-1)).toBe('COMPLETED');
    expect(emulator.openConnections()).toBe(0);
  });

  test('streamStatus calls a silent stream dead after 45 s (3 missed keep-alives), as subscribe does', async () => {
    const silent = setup({ emulator: { workers: 1, keepAliveMs: 3_600_000 } });
    const held = gatedApp(silent.emulator);
    const { request_id: requestId } = await silent.client.queue.submit(held.id, { input: {} });
    await vi.waitFor(() => expect(silent.emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
    vi.useFakeTimers(TIMERS_ONLY);
    const stream = await silent.client.queue.streamStatus(held.id, { requestId });
    let outcome: unknown;
    void (async () => {
      for await (const _status of stream);
    })().then(
      () => (outcome = 'ended'),
      (error: unknown) => (outcome = error),
    );
    await vi.advanceTimersByTimeAsync(44_500);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toBeInstanceOf(TimeoutError);
    held.release();
  });

  test('subscribeToStatus timeout cancels the job and rejects with TimeoutError', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    const { request_id: requestId } = await client.queue.submit(gated.id, { input: {} });
    const pending = client.queue
      .subscribeToStatus(gated.id, { requestId, timeout: 3000 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3001);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(emulator.jobs()[0]?.status).toBe('CANCELLED');
    expect(vi.getTimerCount()).toBe(0);
  });

  test('an unknown request id is an ApiError 404, not a hang', async () => {
    const error = await client.queue
      .subscribeToStatus('falkit/echo', { requestId: 'does-not-exist' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
  });
});

describe('seed surface: submit → RequestHandle, handle(), status/result/cancel', () => {
  test('handle.status, handle.events (ends at completion) and handle.result', async () => {
    const handle = await client.submit(gated.id, { input: { k: 'v' } });
    expect(handle.requestId).toMatch(/.+/);
    expect(handle.endpointId).toBe(gated.id);
    const statuses: string[] = [];
    const iteration = (async () => {
      for await (const status of handle.events({ logs: true })) statuses.push(status.status);
    })();
    await vi.waitFor(() => expect(statuses).toContain('IN_PROGRESS'));
    gated.release();
    await iteration;
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect((await handle.status()).status).toBe('COMPLETED');
    await expect(handle.result()).resolves.toEqual({
      data: { done: true, input: { k: 'v' } },
      requestId: handle.requestId,
    });
  });

  test('breaking out of events() closes the status stream', async () => {
    const handle = await client.submit(gated.id, { input: {} });
    for await (const status of handle.events()) {
      if (status.status === 'IN_PROGRESS') break;
    }
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
    await handle.cancel();
    expect(emulator.jobs()[0]?.status).toBe('CANCELLED');
  });

  test('handle(id, requestId) re-attaches; result() waits for completion', async () => {
    const { request_id } = await client.queue.submit(gated.id, { input: { again: true } });
    const attached = client.handle(gated.id, request_id);
    const result = attached.result();
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
    gated.release();
    await expect(result).resolves.toMatchObject({ data: { input: { again: true } }, requestId: request_id });
  });

  test('client.status / client.result / client.cancel by endpoint id and request id', async () => {
    const { request_id } = await client.queue.submit(gated.id, { input: {} });
    await vi.waitFor(async () =>
      expect((await client.status(gated.id, request_id)).status).toBe('IN_PROGRESS'),
    );
    await client.cancel(gated.id, request_id);
    await expect(client.result(gated.id, request_id)).rejects.toBeInstanceOf(ApiError);
    expect(requestLines(emulator).filter((line) => line.endsWith('/cancel'))).toHaveLength(1);
  });

  test('aborting handle.result() does not cancel a job it did not submit (unless cancelOnAbort)', async () => {
    const handle = await client.submit(gated.id, { input: {} });
    const controller = new AbortController();
    const waiting = handle.result({ abortSignal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
    controller.abort();
    expect(((await waiting) as DOMException).name).toBe('AbortError');
    expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS');
    const again = new AbortController();
    const cancelling = handle
      .result({ abortSignal: again.signal, cancelOnAbort: true })
      .catch((e: unknown) => e);
    again.abort();
    await cancelling;
    expect(emulator.jobs()[0]?.status).toBe('CANCELLED');
  });
});

describe('status guards', () => {
  test('isQueueStatus / isCompletedQueueStatus accept anything and check the shape', () => {
    expect(isQueueStatus({ status: 'IN_QUEUE', queue_position: 0 })).toBe(true);
    expect(isQueueStatus({ status: 'FAILED' })).toBe(false);
    expect(isQueueStatus(null)).toBe(false);
    expect(isCompletedQueueStatus({ status: 'COMPLETED', logs: [] })).toBe(true);
    expect(isCompletedQueueStatus({ status: 'IN_PROGRESS', logs: [] })).toBe(false);
  });
});
