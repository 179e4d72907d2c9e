import { ApiError, ValidationError, createFalClient } from '@fal-ai/client';
import { type AppContext, type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { createEmulatorHandlers } from '@falkit/emulator/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorFetch } from '../support/emulatorFetch';

/**
 * The official `@fal-ai/client` 1.10.1 driving the emulator through run, subscribe (polling and
 * streaming), the queue API, streaming endpoints, validation errors and the workflows namespace.
 * Its `fetch` option rewrites `https://{host}/…` to `{origin}/{host}/…`.
 */
const KEY = 'conformance-key';

let emulator: Emulator;
let server: ListeningEmulator;

function falClient() {
  return createFalClient({ credentials: KEY, fetch: emulatorFetch(server.url) });
}

/** An app that runs until released, so tests can see queued and running states. */
function gate() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { release, released };
}

beforeAll(async () => {
  emulator = createEmulator({ speed: 0, key: KEY });
  server = await emulator.listen({ port: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearRequests());

describe('conformance: @fal-ai/client against the emulator', () => {
  it('run: returns data and the request id', async () => {
    const fal = falClient();
    const result = await fal.run('fal-ai/fast-sdxl', {
      input: {
        prompt: 'a lighthouse',
        image_size: { width: 32, height: 32 },
        seed: 3,
        num_inference_steps: 2,
      },
    });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const data = result.data as {
      images: { url: string; width: number; content_type: string }[];
      seed: number;
    };
    expect(data.seed).toBe(3);
    expect(data.images[0]).toMatchObject({ width: 32, content_type: 'image/png' });
    expect(data.images[0]!.url.startsWith(`${server.url}/`)).toBe(true);
    const image = await fetch(data.images[0]!.url);
    expect(new Uint8Array(await image.arrayBuffer()).subarray(1, 4)).toEqual(
      new Uint8Array([0x50, 0x4e, 0x47]),
    );
  });

  it('subscribe (polling): enqueues, reports updates with logs, and returns the result', async () => {
    const fal = falClient();
    const updates: string[] = [];
    let enqueued = '';
    const result = await fal.subscribe('falkit/echo', {
      input: { hello: 'polling', logs: 3 },
      logs: true,
      pollInterval: 10,
      onEnqueue: (requestId) => {
        enqueued = requestId;
      },
      onQueueUpdate: (update) => {
        updates.push(update.status);
      },
    });
    expect(result.data).toEqual({ hello: 'polling', logs: 3 });
    expect(result.requestId).toBe(enqueued);
    expect(updates.at(-1)).toBe('COMPLETED');
    const polls = emulator.requests().filter((entry) => entry.path.endsWith('/status'));
    expect(polls.length).toBeGreaterThan(0);
  });

  it('subscribe (streaming): follows the status stream and accumulates logs', async () => {
    const fal = falClient();
    const held = gate();
    emulator.app('test/held', async (context: AppContext) => {
      context.log('first');
      await held.released;
      context.log('second');
      return { ok: true };
    });
    const seen: { status: string; logs?: { message: string }[] }[] = [];
    const pending = fal.subscribe('test/held', {
      input: {},
      mode: 'streaming',
      logs: true,
      onQueueUpdate: (update) => {
        seen.push(update as (typeof seen)[number]);
        if (update.status === 'IN_PROGRESS') held.release();
      },
    });
    const result = await pending;
    expect(result.data).toEqual({ ok: true });
    const last = seen.at(-1)!;
    expect(last.status).toBe('COMPLETED');
    expect(last.logs?.map((log) => log.message)).toEqual(['first', 'second']);
    expect(emulator.requests().some((entry) => entry.path.endsWith('/status/stream'))).toBe(true);
  });

  it('queue: submit, status, streamStatus, result', async () => {
    const fal = falClient();
    const { request_id: requestId } = await fal.queue.submit('fal-ai/flux/dev', {
      input: { prompt: 'mountains', image_size: 'square', num_inference_steps: 2 },
      priority: 'low',
      hint: 'gpu-a',
    });
    const stream = await fal.queue.streamStatus('fal-ai/flux/dev', { requestId, logs: true });
    const done = await stream.done();
    expect(done.status).toBe('COMPLETED');
    const status = await fal.queue.status('fal-ai/flux/dev', { requestId, logs: true });
    expect(status.status).toBe('COMPLETED');
    expect((status as { logs: unknown[] }).logs.length).toBeGreaterThan(0);
    const result = await fal.queue.result('fal-ai/flux/dev', { requestId });
    expect(result.requestId).toBe(requestId);
    expect((result.data as { images: { width: number; height: number }[] }).images[0]).toMatchObject({
      width: 512,
      height: 512,
    });
    const job = emulator.jobs().find((entry) => entry.requestId === requestId)!;
    expect(job).toMatchObject({ endpointId: 'fal-ai/flux/dev', priority: 'low', hint: 'gpu-a' });
    // The client polls with owner/alias only.
    expect(
      emulator
        .requests()
        .filter((entry) => entry.path.includes(`/requests/${requestId}`))
        .every((entry) => entry.path.startsWith('/fal-ai/flux/requests/')),
    ).toBe(true);
  });

  it('queue: cancel a queued request, then ALREADY_COMPLETED is an ApiError', async () => {
    const blocker = gate();
    const blocking = createEmulator({ speed: 0, workers: 1, key: KEY });
    const blockingServer = await blocking.listen();
    blocking.app('test/blocker', async () => {
      await blocker.released;
      return { done: true };
    });
    const client = createFalClient({ credentials: KEY, fetch: emulatorFetch(blockingServer.url) });
    await client.queue.submit('test/blocker', { input: {} });
    const { request_id: queued } = await client.queue.submit('test/blocker', { input: {} });
    const before = await client.queue.status('test/blocker', { requestId: queued });
    expect(before).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });
    await client.queue.cancel('test/blocker', { requestId: queued });
    expect(blocking.jobs().find((job) => job.requestId === queued)?.status).toBe('CANCELLED');
    const error = await client.queue.cancel('test/blocker', { requestId: queued }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError<unknown>).status).toBe(400);
    expect((error as ApiError<unknown>).body).toEqual({ status: 'ALREADY_COMPLETED' });
    blocker.release();
    await blocking.close();
  });

  it('stream: any-llm partial events, final partial: false', async () => {
    const fal = falClient();
    const stream = await fal.stream('fal-ai/any-llm', { input: { prompt: 'tell me a story' } });
    const events: { output: string; partial: boolean }[] = [];
    for await (const event of stream) events.push(event as (typeof events)[number]);
    const final = (await stream.done()) as { output: string; partial: boolean };
    expect(events.length).toBeGreaterThan(3);
    expect(events.slice(0, -1).every((event) => event.partial)).toBe(true);
    expect(final.partial).toBe(false);
    expect(final.output).toContain('tell me a story');
    expect(stream.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stream in client mode: fetches a temporary token and sends fal_jwt_token', async () => {
    const fal = falClient();
    const stream = await fal.stream('falkit/echo', {
      input: { events: 2 },
      connectionMode: 'client',
      tokenProvider: async (app) => {
        expect(app).toBe('falkit/echo/stream');
        const response = await emulatorFetch(server.url)('https://rest.fal.ai/tokens/', {
          method: 'POST',
          headers: { authorization: `Key ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ allowed_apps: ['echo'], token_expiration: 120 }),
        });
        return (await response.json()) as string;
      },
    });
    expect(await stream.done()).toEqual({ events: 2 });
    expect(emulator.requests().some((entry) => entry.url.includes('fal_jwt_token='))).toBe(true);
  });

  it('422 validation: ValidationError with fieldErrors', async () => {
    const fal = falClient();
    const error = await fal
      .run('fal-ai/fast-sdxl', { input: {} as { prompt: string } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.status).toBe(422);
    expect(validation.fieldErrors).toEqual([
      { loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' },
    ]);
    expect(validation.getFieldErrors('prompt')).toHaveLength(1);
    expect(validation.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('422 through subscribe: the result replays the validation error', async () => {
    const fal = falClient();
    const error = await fal
      .subscribe('fal-ai/any-llm', { input: {}, pollInterval: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('workflows namespace: subscribe keeps the prefix in every URL', async () => {
    const fal = falClient();
    emulator.app('workflows/falkit/pipeline', async (context: AppContext) => ({
      workflow: true,
      input: context.input,
    }));
    const result = await fal.subscribe('workflows/falkit/pipeline', { input: { step: 1 }, pollInterval: 10 });
    expect(result.data).toEqual({ workflow: true, input: { step: 1 } });
    const paths = emulator.requests().map((entry) => entry.path);
    expect(paths.every((path) => path.startsWith('/workflows/falkit/pipeline'))).toBe(true);
  });

  it('start timeout: a user timeout surfaces as ApiError 504 with timeoutType user', async () => {
    const fal = falClient();
    emulator.faults.add({
      type: 'status',
      status: 504,
      host: 'fal.run',
      headers: { 'x-fal-request-timeout-type': 'user' },
      body: { detail: 'Request timed out', error_type: 'request_timeout' },
    });
    const error = await fal.run('falkit/echo', { input: {}, startTimeout: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError<unknown> & { timeoutType?: string }).timeoutType).toBe('user');
  });

  it('wrong key: 401 ApiError', async () => {
    const fal = createFalClient({ credentials: 'nope', fetch: emulatorFetch(server.url) });
    const error = await fal.run('falkit/echo', { input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError<unknown>).status).toBe(401);
  });
});

describe('conformance: @fal-ai/client through msw real-host handlers (unmodified fetch)', () => {
  const mswEmulator = createEmulator({ speed: 0 });
  const mswServer = setupServer(...createEmulatorHandlers(mswEmulator));
  beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
  afterAll(async () => {
    mswServer.close();
    await mswEmulator.close();
  });

  it('subscribe and stream work with no custom fetch, URLs in the real form', async () => {
    const fal = createFalClient({ credentials: 'any' });
    const result = await fal.subscribe('fal-ai/fast-sdxl', {
      input: { prompt: 'msw', image_size: { width: 8, height: 8 }, num_inference_steps: 1 },
      mode: 'streaming',
    });
    expect((result.data as { images: { url: string }[] }).images[0]!.url).toMatch(
      /^https:\/\/v3\.fal\.media\/files\//,
    );
    const stream = await fal.stream('fal-ai/any-llm', { input: { prompt: 'msw stream' } });
    expect(((await stream.done()) as { partial: boolean }).partial).toBe(false);
  });

  it('storage upload and whisper on an uploaded file work on the real hosts', async () => {
    const fal = createFalClient({ credentials: 'any' });
    const wav = new Uint8Array(44 + 16000 * 2);
    const view = new DataView(wav.buffer);
    const text = (offset: number, value: string) => {
      for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
    };
    text(0, 'RIFF');
    view.setUint32(4, 36 + 32000, true);
    text(8, 'WAVE');
    text(12, 'fmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, 16000, true);
    view.setUint32(28, 32000, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    text(36, 'data');
    view.setUint32(40, 32000, true);
    const url = await fal.storage.upload(new Blob([wav], { type: 'audio/wav' }));
    expect(url).toMatch(/^https:\/\/v3\.fal\.media\//);
    const result = await fal.subscribe('fal-ai/whisper', { input: { audio_url: url } });
    expect((result.data as { text: string }).text).toContain('1.00 seconds, 16000 Hz, mono');
  });
});
