import { afterEach, describe, expect, test } from 'vitest';
import { FalInputError, parseEndpointId } from '@falkit/core';
import { setup } from './helpers/emulatorClient';

describe('parseEndpointId', () => {
  test.each([
    ['fal-ai/flux', { owner: 'fal-ai', alias: 'flux' }],
    ['fal-ai/flux/dev', { owner: 'fal-ai', alias: 'flux', path: 'dev' }],
    ['fal-ai/flux-pro/v1.1-ultra/redux', { owner: 'fal-ai', alias: 'flux-pro', path: 'v1.1-ultra/redux' }],
    ['workflows/me/my-flow', { namespace: 'workflows', owner: 'me', alias: 'my-flow' }],
    ['comfy/me/graph/run', { namespace: 'comfy', owner: 'me', alias: 'graph', path: 'run' }],
    ['123-myapp', { owner: '123', alias: 'myapp' }],
    ['https://fal.run/fal-ai/flux/dev', { owner: 'fal-ai', alias: 'flux', path: 'dev' }],
  ])('%s', (id, expected) => {
    expect(parseEndpointId(id)).toEqual({ path: undefined, namespace: undefined, ...expected });
  });

  test.each([
    'myapp',
    'a-123',
    '',
    '/fal-ai/flux',
    'fal-ai/flux/',
    'a b/c',
    'comfy/x',
    'https://evil.com/a/b',
  ])('rejects %j', (id) => {
    expect(() => parseEndpointId(id)).toThrow(FalInputError);
  });
});

describe('URLs sent for each operation (docs/protocol.md §1)', () => {
  const { emulator, client, sent, webhooks } = setup();
  afterEach(() => {
    emulator.reset();
    sent.length = 0;
  });

  test('run uses the full id on fal.run; the queue drops the path for status/result/cancel', async () => {
    await client.run('fal-ai/flux/dev', { input: { prompt: 'a' } });
    const handle = await client.submit('fal-ai/flux/dev', { input: { prompt: 'a' } });
    await handle.status({ logs: true });
    await handle.result();
    await client.cancel('fal-ai/flux/dev', handle.requestId).catch(() => {});
    const urls = sent.map(
      (request) => `${request.method} ${request.url.replace('http://emulator.test/', '')}`,
    );
    const id = handle.requestId;
    expect(urls[0]).toBe('POST fal.run/fal-ai/flux/dev');
    expect(urls[1]).toBe('POST queue.fal.run/fal-ai/flux/dev');
    expect(urls[2]).toBe(`GET queue.fal.run/fal-ai/flux/requests/${id}/status?logs=1`);
    expect(urls).toContain(`GET queue.fal.run/fal-ai/flux/requests/${id}`);
    expect(urls.at(-1)).toBe(`PUT queue.fal.run/fal-ai/flux/requests/${id}/cancel`);
  });

  test('legacy ids become owner/alias', async () => {
    emulator.app('123/myapp', () => ({ ok: true }));
    await expect(client.run('123-myapp')).resolves.toMatchObject({ data: { ok: true } });
    expect(sent[0]?.url).toBe('http://emulator.test/fal.run/123/myapp');
  });

  test('namespaced ids keep the namespace on queue URLs', async () => {
    emulator.app('workflows/me/flow', ({ input }) => input);
    const result = await client.subscribe('workflows/me/flow/step', { input: { n: 1 } });
    expect(result.data).toEqual({ n: 1 });
    expect(sent[0]?.url).toBe('http://emulator.test/queue.fal.run/workflows/me/flow/step');
    expect(sent.at(-1)?.url).toMatch(/queue\.fal\.run\/workflows\/me\/flow\/requests\/[^/]+$/);
  });

  test('a full fal URL is used as is; run accepts path, query and GET input as query parameters', async () => {
    await client.run('https://fal.run/falkit/echo', { input: { a: 1 } });
    await client.run('falkit/echo', { path: '/extra', query: { q: '1' } }).catch(() => {});
    await client.run('falkit/echo', { method: 'get', input: { prompt: 'x y' } });
    expect(sent.map((request) => request.url)).toEqual([
      'http://emulator.test/fal.run/falkit/echo',
      'http://emulator.test/fal.run/falkit/echo/extra?q=1',
      'http://emulator.test/fal.run/falkit/echo?prompt=x+y',
    ]);
    expect(sent[2]?.body).toBe('');
  });

  test('submit sends webhook, priority, hint, start timeout and lifecycle headers; explicit options win', async () => {
    await client.queue.submit('falkit/echo', {
      input: {},
      webhookUrl: 'https://example.com/hook?x=1',
      priority: 'low',
      hint: 'gpu-a',
      startTimeout: 30,
      storageSettings: { expiresIn: '1h' },
      headers: { 'X-Fal-Queue-Priority': 'normal', 'X-Custom': 'yes' },
    });
    const request = sent[0]!;
    expect(new URL(request.url).searchParams.get('fal_webhook')).toBe('https://example.com/hook?x=1');
    await emulator.webhooks.settled();
    expect(webhooks.map((hook) => hook.url)).toEqual(['https://example.com/hook?x=1']);
    expect(request.headers).toMatchObject({
      'x-fal-queue-priority': 'low',
      'x-fal-runner-hint': 'gpu-a',
      'x-fal-request-timeout': '30',
      'x-fal-object-lifecycle-preference': '{"expiration_duration_seconds":3600}',
      'x-custom': 'yes',
    });
    // Priority is always sent, `normal` by default.
    await client.queue.submit('falkit/echo', { input: {} });
    expect(sent[1]?.headers['x-fal-queue-priority']).toBe('normal');
  });
});
