/**
 * `@falkit/core/functions` against the in-process emulator: each standalone function does what the
 * client's method does (it is the same operation), from a connection made of the same config.
 */
import { FalInputError, type QueueStatus, isCompleted, isInProgress } from '@falkit/core';
import {
  cancel,
  createFalConnection,
  result,
  run,
  status,
  stream,
  submit,
  subscribe,
  subscribeToStatus,
  upload,
} from '@falkit/core/functions';
import { createEmulator } from '@falkit/emulator';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { EMULATOR_ORIGIN, type SentRequest, emulatorFetch, requestLines } from './helpers/emulatorClient';
import { gatedApp } from './helpers/gatedApp';

const emulator = createEmulator({ speed: 0, workers: 1 });
const sent: SentRequest[] = [];
const fetch = emulatorFetch(emulator, sent);
const fal = createFalConnection({ credentials: 'test-key', baseUrl: EMULATOR_ORIGIN, fetch });
const gated = gatedApp(emulator);

beforeEach(() => {
  emulator.reset();
  gated.reset();
  sent.length = 0;
});

describe('createFalConnection', () => {
  test('validates the config like createFalClient, and the handle is opaque', () => {
    expect(() => createFalConnection({ baseUrl: 'emulator.test' })).toThrow(FalInputError);
    expect(Object.keys(fal)).toEqual([]);
    // Only handles made by createFalConnection are accepted.
    expect(() => run({} as typeof fal, 'falkit/echo')).toThrow(TypeError);
  });
});

describe('run', () => {
  test('resolves with { data, requestId } through the connection', async () => {
    const answer = await run(fal, 'falkit/echo', { input: { prompt: 'run' } });
    expect(answer.data).toMatchObject({ prompt: 'run' });
    expect(answer.requestId).toBe(emulator.requests()[0]?.requestId);
    expect(requestLines(emulator)).toEqual(['POST fal.run/falkit/echo']);
    expect(sent[0]?.headers.authorization).toBe('Key test-key');
  });

  test('uploads a Blob in the input first and sends its URL', async () => {
    const answer = await run(fal, 'falkit/echo', {
      input: { image: new Blob(['png'], { type: 'image/png' }) },
    });
    const image = answer.data.image as string;
    expect(image).toMatch(/^http/);
    expect(emulator.requests().map((entry) => entry.host)).toContain('rest.fal.ai');
    expect(sent.at(-1)?.body).toContain(image);
    expect(await (await fetch(image)).text()).toBe('png');
  });

  test('bad input is rejected with FalInputError before any request', async () => {
    await expect(run(fal, 'falkit/echo', { input: { seed: 10n } })).rejects.toMatchObject({
      name: 'FalInputError',
      path: 'input.seed',
    });
    await expect(run(fal, 'not an id' as 'falkit/echo')).rejects.toBeInstanceOf(FalInputError);
    await expect(subscribe(fal, 'falkit/echo', { pollInterval: 0 })).rejects.toBeInstanceOf(FalInputError);
    await expect(stream(fal, 'falkit/echo', { input: { callback: () => 1 } })).rejects.toBeInstanceOf(
      FalInputError,
    );
    await expect(upload(fal, 42 as unknown as Blob)).rejects.toBeInstanceOf(FalInputError);
    await expect(submit(fal, 'falkit/echo', { priority: 'high' as never })).rejects.toBeInstanceOf(
      FalInputError,
    );
    expect(emulator.requests()).toHaveLength(0);
    expect(sent).toHaveLength(0);
  });
});

describe('subscribe', () => {
  test('follows the queue with onQueueUpdate and logs, and resolves with the result', async () => {
    const updates: QueueStatus[] = [];
    const enqueued: string[] = [];
    const answer = await subscribe(fal, 'falkit/echo', {
      input: { value: 1, logs: 3 },
      logs: true,
      onEnqueue: (id) => enqueued.push(id),
      onQueueUpdate: (update) => updates.push(update),
    });
    expect(answer.data).toMatchObject({ value: 1 });
    expect(answer.requestId).toBe(enqueued[0]);
    const last = updates.at(-1)!;
    expect(last.status).toBe('COMPLETED');
    expect(last.status === 'COMPLETED' && last.logs.map((log) => log.message)).toEqual([
      'echo: step 1 of 3',
      'echo: step 2 of 3',
      'echo: step 3 of 3',
    ]);
    const lines = requestLines(emulator);
    expect(lines[0]).toBe('POST queue.fal.run/falkit/echo');
    expect(lines.at(-1)).toBe(`GET queue.fal.run/falkit/echo/requests/${answer.requestId}`);
  });
});

describe('stream', () => {
  test('iterates the events and resolves done() with the final output', async () => {
    const events = await stream(fal, 'falkit/echo', { input: { events: 5 } });
    let count = 0;
    for await (const _event of events) count++;
    expect(count).toBeGreaterThan(0);
    expect(await events.done()).toBeTruthy();
    expect(requestLines(emulator)).toEqual(['POST fal.run/falkit/echo/stream']);
  });

  test("connectionMode 'client' sends a short-lived token instead of the key (loaded on first use)", async () => {
    const events = await stream(fal, 'falkit/echo', { input: { events: 2 }, connectionMode: 'client' });
    expect(await events.done()).toBeTruthy();
    const streamed = sent.find((request) => request.url.includes('/falkit/echo/stream'));
    expect(sent.filter((request) => request.url.includes('rest.fal.ai/tokens'))).toHaveLength(1);
    expect(streamed?.url).toContain('fal_jwt_token=');
    expect(streamed?.headers.authorization).toBeUndefined();
  });
});

describe('upload', () => {
  test('uploads a File and resolves with a URL serving the same bytes and type', async () => {
    const bytes = new Uint8Array(10 * 1024).map((_, i) => (i * 31) & 0xff);
    const url = await upload(fal, new File([bytes], 'photo.png', { type: 'image/png' }));
    expect(url).toContain('photo.png');
    const served = await fetch(url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(new Uint8Array(await served.arrayBuffer()), bytes)).toBe(0);
  });

  test('uploads bytes with the given type and name', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    const url = await upload(fal, bytes, { contentType: 'application/x-test', fileName: 'data.bin' });
    expect(url).toContain('data.bin');
    const served = await fetch(url);
    expect(served.headers.get('content-type')).toBe('application/x-test');
    expect(Buffer.compare(new Uint8Array(await served.arrayBuffer()), bytes)).toBe(0);
  });
});

describe('the queue calls', () => {
  test('submit → status → subscribeToStatus → result', async () => {
    const queued = await submit(fal, gated.id, { input: { n: 1 } });
    expect(queued).toMatchObject({ status: 'IN_QUEUE', request_id: expect.any(String) });
    const { request_id: requestId } = queued;
    await vi.waitFor(async () => expect(isInProgress(await status(fal, gated.id, { requestId }))).toBe(true));
    const updates: QueueStatus[] = [];
    const done = subscribeToStatus(fal, gated.id, {
      requestId,
      logs: true,
      onQueueUpdate: (update) => updates.push(update),
    });
    await vi.waitFor(() => expect(updates.length).toBeGreaterThan(0));
    gated.release();
    const completed = await done;
    expect(isCompleted(completed)).toBe(true);
    expect(completed.logs.map((log) => log.message)).toEqual(['started', 'finished']);
    expect(await result(fal, gated.id, { requestId })).toEqual({
      data: { done: true, input: { n: 1 } },
      requestId,
    });
  });

  test('cancel stops a queued job; cancelling a completed one rejects with the ApiError', async () => {
    await submit(fal, gated.id, { input: {} });
    const second = await submit(fal, gated.id, { input: {} });
    await cancel(fal, gated.id, { requestId: second.request_id });
    expect(emulator.jobs()[1]?.status).toBe('CANCELLED');
    gated.release();
    const echo = await submit(fal, 'falkit/echo', { input: {} });
    await subscribeToStatus(fal, 'falkit/echo', { requestId: echo.request_id });
    await expect(cancel(fal, 'falkit/echo', { requestId: echo.request_id })).rejects.toMatchObject({
      name: 'ApiError',
    });
  });
});
