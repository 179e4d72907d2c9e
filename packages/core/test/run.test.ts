import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TimeoutError } from '@falkit/core';
import { TIMERS_ONLY } from './helpers/gatedApp';
import { setup } from './helpers/emulatorClient';

const { emulator, client, sent } = setup();
let release: () => void = () => {};
emulator.app('test/slow-run', async (context) => {
  await new Promise<void>((resolve, reject) => {
    release = resolve;
    context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true });
  });
  return { finished: true };
});

beforeEach(() => {
  emulator.reset();
  sent.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('run', () => {
  test('resolves with { data, requestId } from x-fal-request-id', async () => {
    const result = await client.run('fal-ai/fast-sdxl', { input: { prompt: 'a cat' } });
    expect(result.requestId).toBe(emulator.requests()[0]?.requestId);
    expect(result.data.images[0]?.url).toMatch(/^http/);
  });

  test('sends x-fal-request-timeout, lifecycle and hint headers', async () => {
    await client.run('falkit/echo', {
      input: {},
      startTimeout: 12.5,
      storageSettings: { expiresIn: 60, initialAcl: { default: 'hide' } },
      hint: 'h1',
    });
    expect(sent[0]?.headers).toMatchObject({
      'x-fal-request-timeout': '12.5',
      'x-fal-object-lifecycle-preference':
        '{"expiration_duration_seconds":60,"initial_acl":{"default":"hide"}}',
      'x-fal-runner-hint': 'h1',
      'content-type': 'application/json',
      accept: 'application/json',
    });
  });

  test('uploads Blob inputs first, then sends their URLs', async () => {
    const result = await client.run('falkit/echo', {
      input: { image: new Blob(['png'], { type: 'image/png' }) },
    });
    expect(result.data.image).toMatch(/^http/);
    expect(emulator.requests().map((entry) => entry.host)).toContain('rest.fal.ai');
    expect(sent.at(-1)?.body).toContain(result.data.image);
  });

  test('abort before the call sends nothing; abort during the call rejects with AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client.run('falkit/echo', { abortSignal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(sent).toEqual([]);

    const during = new AbortController();
    const pending = client.run('test/slow-run', { abortSignal: during.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(1));
    during.abort();
    expect(((await pending) as DOMException).name).toBe('AbortError');
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
  });

  test('timeout rejects with TimeoutError and drops the connection', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    const pending = client.run('test/slow-run', { timeout: 1500 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1501);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
    release();
  });
});
