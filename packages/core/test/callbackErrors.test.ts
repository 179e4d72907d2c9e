import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { setup } from './helpers/emulatorClient';

// One callback-error policy (`callSafely`) for every user callback: a throw is reported like an
// uncaught error (through `reportError`, stubbed here) and never changes what the operation does.
const reported: unknown[] = [];
const { emulator, client } = setup({
  client: {
    onRetry: () => {
      throw new Error('from config.onRetry');
    },
  },
});

beforeEach(() => {
  emulator.reset();
  reported.length = 0;
  vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const messages = () => reported.map((error) => (error as Error).message);

describe('a throwing user callback is reported, and the operation goes on', () => {
  test('client.subscribe: onEnqueue, onQueueUpdate and onLog', async () => {
    const result = await client.subscribe('falkit/echo', {
      input: { value: 7, logs: 2 },
      logs: true,
      onEnqueue: () => {
        throw new Error('from onEnqueue');
      },
      onQueueUpdate: () => {
        throw new Error('from onQueueUpdate');
      },
      onLog: () => {
        throw new Error('from onLog');
      },
    });
    expect(result.data).toMatchObject({ value: 7 });
    expect(messages()).toContain('from onEnqueue');
    expect(messages()).toContain('from onQueueUpdate');
    expect(messages().filter((message) => message === 'from onLog')).toHaveLength(2);
    // One job, run to the end: nothing cancelled, nothing submitted twice.
    expect(emulator.jobs().map((job) => job.status)).toEqual(['COMPLETED']);
  });

  test('queue.subscribeToStatus: onQueueUpdate', async () => {
    const { request_id: requestId } = await client.queue.submit('falkit/echo', { input: { value: 1 } });
    const completed = await client.queue.subscribeToStatus('falkit/echo', {
      requestId,
      onQueueUpdate: () => {
        throw new Error('from onQueueUpdate');
      },
    });
    expect(completed.status).toBe('COMPLETED');
    expect(messages()).toContain('from onQueueUpdate');
    expect(emulator.jobs().map((job) => job.status)).toEqual(['COMPLETED']);
  });

  test('config.onRetry: the retry still happens', async () => {
    emulator.faults.add({ host: 'fal.run', type: 'status', status: 503, retryAfter: 0, times: 1 });
    const result = await client.run('falkit/echo', { input: { value: 2 } });
    expect(result.data).toMatchObject({ value: 2 });
    expect(messages()).toEqual(['from config.onRetry']);
  });

  test('storage.upload: onProgress and onStart', async () => {
    const url = await client.storage.upload(new Blob([new Uint8Array(300 * 1024)]), {
      onStart: () => {
        throw new Error('from onStart');
      },
      onProgress: () => {
        throw new Error('from onProgress');
      },
    });
    expect(url).toMatch(/^https?:\/\//);
    expect(messages()).toContain('from onStart');
    expect(messages()).toContain('from onProgress');
  });
});
