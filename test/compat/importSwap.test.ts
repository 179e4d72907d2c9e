import * as official from '@fal-ai/client';
import * as falkit from '@falkit/core';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorFetch } from '../support/emulatorFetch';

/**
 * The official client's documented usage (README / docs: run, subscribe with onQueueUpdate, the queue
 * flow, stream, storage.upload, error handling), written once against `@fal-ai/client` and run
 * against both packages: swapping the import is the only change. Both talk to the same emulator
 * through the `fetch` option, which rewrites `https://{host}/…` to `{origin}/{host}/…`.
 */
type Lib = Pick<typeof official, 'fal' | 'createFalClient' | 'ApiError' | 'ValidationError'>;

const KEY = 'compat-key';
let emulator: Emulator;
let server: ListeningEmulator;

/** Webhooks the emulator delivered, caught here: the documented URL is not ours to call. */
const webhooks: Array<{ url: string; body: { request_id?: string; status?: string } }> = [];

beforeAll(async () => {
  emulator = createEmulator({
    speed: 0,
    key: KEY,
    fetch: async (input, init) => {
      webhooks.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response(null, { status: 200 });
    },
  });
  server = await emulator.listen({ port: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearRequests());

const libraries: Array<[string, Lib]> = [
  ['@fal-ai/client', official],
  // The import swap: falkit's module stands in for the official one.
  ['@falkit/core', falkit as unknown as Lib],
];

describe.each(libraries)('documented usage with %s', (_name, lib) => {
  const { fal } = lib;
  beforeEach(() => {
    fal.config({ credentials: KEY, fetch: emulatorFetch(server.url) });
  });

  it('fal.run', async () => {
    const result = await fal.run('fal-ai/fast-sdxl', {
      input: {
        prompt: 'a cute cat, realistic, orange',
        image_size: { width: 16, height: 16 },
        num_inference_steps: 1,
      },
    });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.data.images[0]?.url).toMatch(/^http/);
  });

  it('fal.subscribe with logs and onQueueUpdate', async () => {
    const messages: string[] = [];
    const statuses: string[] = [];
    let enqueued = '';
    const result = await fal.subscribe('falkit/echo', {
      input: { prompt: 'hello', logs: 2 },
      logs: true,
      onEnqueue: (requestId) => {
        enqueued = requestId;
      },
      onQueueUpdate: (update) => {
        statuses.push(update.status);
        if (update.status === 'IN_PROGRESS' || update.status === 'COMPLETED') {
          for (const log of update.logs) if (!messages.includes(log.message)) messages.push(log.message);
        }
      },
    });
    expect(result.data).toEqual({ prompt: 'hello', logs: 2 });
    expect(result.requestId).toBe(enqueued);
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect(messages).toEqual(['echo: step 1 of 2', 'echo: step 2 of 2']);
  });

  it('queue flow: submit, status, result', async () => {
    const { request_id } = await fal.queue.submit('falkit/echo', {
      input: { prompt: 'queued' },
      webhookUrl: 'https://optional.webhook.url/for/results',
    });
    const done = await fal.queue.subscribeToStatus('falkit/echo', {
      requestId: request_id,
      pollInterval: 50,
    });
    expect(done.status).toBe('COMPLETED');
    const status = await fal.queue.status('falkit/echo', { requestId: request_id, logs: true });
    expect(status.status).toBe('COMPLETED');
    const result = await fal.queue.result('falkit/echo', { requestId: request_id });
    expect(result.data).toEqual({ prompt: 'queued' });
    expect(result.requestId).toBe(request_id);
    await emulator.webhooks.settled();
    const delivered = webhooks.find((hook) => hook.body.request_id === request_id);
    expect(delivered?.url).toBe('https://optional.webhook.url/for/results');
    expect(delivered?.body.status).toBe('OK');
  });

  it('queue.streamStatus until COMPLETED, then cancel of a finished request is an ApiError', async () => {
    const { request_id } = await fal.queue.submit('falkit/echo', { input: { prompt: 'watched', logs: 1 } });
    const statusStream = await fal.queue.streamStatus('falkit/echo', { requestId: request_id, logs: true });
    const statuses: string[] = [];
    for await (const update of statusStream) statuses.push(update.status);
    const last = await statusStream.done();
    expect(last.status).toBe('COMPLETED');
    expect(statuses.at(-1)).toBe('COMPLETED');
    const error = await fal.queue.cancel('falkit/echo', { requestId: request_id }).catch((e) => e);
    expect(error).toBeInstanceOf(lib.ApiError);
    expect(error.status).toBe(400);
  });

  it('fal.stream with for await and done()', async () => {
    const stream = await fal.stream('falkit/echo', { input: { events: 3 } });
    const events: unknown[] = [];
    for await (const event of stream) events.push(event);
    const result = await stream.done();
    expect(events.slice(0, 3)).toEqual([
      { index: 0, total: 3 },
      { index: 1, total: 3 },
      { index: 2, total: 3 },
    ]);
    expect(result).toEqual({ events: 3 });
  });

  it('fal.storage.upload then use the URL as input', async () => {
    const file = new File(['Hello, World!'], 'hello.txt', { type: 'text/plain' });
    const url = await fal.storage.upload(file);
    expect(url).toMatch(/^http/);
    const result = await fal.run('falkit/echo', { input: { file_url: url } });
    expect(result.data.file_url).toBe(url);
  });

  it('errors: ValidationError with field errors, ApiError with status', async () => {
    const detail = [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }];
    const error = await fal
      .run('falkit/echo', { input: { fail: { status: 422, body: { detail } } } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(lib.ValidationError);
    expect(error).toBeInstanceOf(lib.ApiError);
    expect(error.status).toBe(422);
    expect(error.getFieldErrors('prompt')).toEqual(detail);
    const apiError = await fal
      .run('falkit/echo', { input: { fail: { status: 500, body: { detail: 'boom' } } } })
      .catch((e) => e);
    expect(apiError).toBeInstanceOf(lib.ApiError);
    expect(apiError.status).toBe(500);
  });

  it('createFalClient with the same config', async () => {
    const client = lib.createFalClient({ credentials: KEY, fetch: emulatorFetch(server.url) });
    const { data } = await client.run('falkit/echo', { input: { a: 1 } });
    expect(data).toEqual({ a: 1 });
  });
});
