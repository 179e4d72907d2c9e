import { afterEach, describe, expect, test } from 'vitest';
import { FalInputError, createFalClient } from '@falkit/core';
import { setup } from './helpers/emulatorClient';

const { emulator, client, sent } = setup();
afterEach(() => {
  emulator.reset();
  sent.length = 0;
});

const cycle: Record<string, unknown> = { a: 1 };
cycle.self = cycle;

const badInputs: Array<[string, unknown, string]> = [
  ['a function', { prompt: 'x', callback: () => 1 }, 'input.callback'],
  ['a BigInt', { seed: 10n }, 'input.seed'],
  ['a symbol', { tag: Symbol('x') }, 'input.tag'],
  ['a cycle', cycle, 'input.self'],
  ['NaN', { strength: Number.NaN }, 'input.strength'],
  ['Infinity in an array', { values: [1, Number.POSITIVE_INFINITY] }, 'input.values[1]'],
  ['a Map', { options: new Map([['a', 1]]) }, 'input.options'],
  ['a typed array', { bytes: new Uint8Array([1, 2]) }, 'input.bytes'],
];

const badOptions: Array<[string, Record<string, unknown>, string]> = [
  ['priority', { priority: 'high' }, 'priority'],
  ['startTimeout of 1 s', { startTimeout: 1 }, 'startTimeout'],
  ['startTimeout NaN', { startTimeout: Number.NaN }, 'startTimeout'],
  ['negative startTimeout', { startTimeout: -5 }, 'startTimeout'],
  ['timeout of 1 s', { timeout: 1000 }, 'timeout'],
  ['timeout NaN', { timeout: Number.NaN }, 'timeout'],
  ['negative timeout', { timeout: -1 }, 'timeout'],
  ['webhook that is not http(s)', { webhookUrl: 'ftp://example.com/hook' }, 'webhookUrl'],
  ['webhook that is not a URL', { webhookUrl: '/relative/hook' }, 'webhookUrl'],
  ['headers with a non-string value', { headers: { 'x-a': 1 } }, 'headers.x-a'],
  ['abortSignal that is not a signal', { abortSignal: {} }, 'abortSignal'],
  ['pollInterval of 0', { pollInterval: 0 }, 'pollInterval'],
  ['unknown storage expiration', { storageSettings: { expiresIn: 'forever' } }, 'lifecycle'],
];

const badIds = [
  '',
  'flux',
  'fal-ai/',
  'fal-ai//dev',
  'fal-ai/flux dev',
  'workflows/only',
  'https://example.com/a/b',
  '../x/y',
];

describe('bad input throws FalInputError before any request', () => {
  for (const [name, input, path] of badInputs) {
    test.each(['run', 'subscribe', 'queue.submit', 'submit', 'stream'] as const)(
      `${name} via %s`,
      async (method) => {
        const call =
          method === 'queue.submit'
            ? client.queue.submit('falkit/echo', { input: input as never })
            : method === 'stream'
              ? client.stream('falkit/echo', { input: input as never })
              : client[method]('falkit/echo', { input: input as never });
        const error = await call.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(FalInputError);
        expect((error as FalInputError).path).toBe(path);
        expect(emulator.requests()).toEqual([]);
        expect(sent).toEqual([]);
      },
    );
  }

  test.each(badOptions)('%s', async (_name, options, path) => {
    const waitingOnly = path === 'timeout' || path === 'pollInterval';
    const calls = waitingOnly
      ? [
          () => client.subscribe('falkit/echo', { input: {}, ...options }),
          () => client.queue.subscribeToStatus('falkit/echo', { requestId: 'r', ...options }),
          () => client.handle('falkit/echo', 'r').result(options),
          ...(path === 'timeout' ? [() => client.run('falkit/echo', { input: {}, ...options })] : []),
        ]
      : [
          () => client.subscribe('falkit/echo', { input: {}, ...options }),
          () => client.queue.submit('falkit/echo', { input: {}, ...options }),
          () => client.submit('falkit/echo', { input: {}, ...options }),
        ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FalInputError);
      expect((error as FalInputError).path).toBe(path);
    }
    expect(sent).toEqual([]);
  });

  test.each(badIds)('endpoint id %j', async (id) => {
    for (const call of [
      () => client.run(id),
      () => client.subscribe(id),
      () => client.queue.submit(id, {}),
      () => client.queue.status(id, { requestId: 'r' }),
      () => client.queue.result(id, { requestId: 'r' }),
      () => client.queue.cancel(id, { requestId: 'r' }),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(FalInputError);
    }
    expect(() => client.handle(id, 'r')).toThrow(FalInputError);
    expect(sent).toEqual([]);
  });

  test.each(['', '   '])('request id %j', async (requestId) => {
    await expect(client.queue.status('falkit/echo', { requestId })).rejects.toBeInstanceOf(FalInputError);
    await expect(client.status('falkit/echo', requestId)).rejects.toBeInstanceOf(FalInputError);
    expect(() => client.handle('falkit/echo', requestId)).toThrow(FalInputError);
    expect(sent).toEqual([]);
  });

  test('bad client config throws at creation', () => {
    expect(() => createFalClient({ baseUrl: 'localhost:3000' })).toThrow(FalInputError);
    expect(() => createFalClient({ defaultTimeout: 10 })).toThrow(FalInputError);
    expect(() => createFalClient({ fetch: 'nope' as never })).toThrow(FalInputError);
  });

  test('Blob, Date and shared (non-cyclic) references are fine', async () => {
    const shared = { x: 1 };
    const result = await client.run('falkit/echo', {
      input: { a: shared, b: shared, when: new Date(0), file: new Blob(['hi'], { type: 'text/plain' }) },
    });
    expect(result.data.a).toEqual({ x: 1 });
    expect(result.data.b).toEqual({ x: 1 });
    expect(result.data.when).toBe('1970-01-01T00:00:00.000Z');
    expect(result.data.file).toMatch(/^http/);
  });
});
