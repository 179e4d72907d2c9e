import { describe, expectTypeOf, test } from 'vitest';
import {
  type ApiError,
  type CompletedQueueStatus,
  type FalClient,
  type FalClientConfig,
  type FalError,
  type FalInputError,
  type InQueueQueueStatus,
  type InProgressQueueStatus,
  type MissingCredentialsError,
  type NetworkError,
  type NetworkErrorArgs,
  type Priority,
  type QueueStatus,
  type RequestHandle,
  type Result,
  type TimeoutError,
  type ValidationError,
  type ValidationErrorInfo,
  createFalClient,
  fal,
  isCompleted,
  isInProgress,
  isQueued,
} from '@falkit/core';

declare module '@falkit/core' {
  interface EndpointTypeMap {
    'typed/app': { input: { prompt: string; seed?: number }; output: { text: string } };
  }
}

describe('client types', () => {
  const client: FalClient = createFalClient({ credentials: 'k' });

  test('run / subscribe resolve to Result<Output>', () => {
    expectTypeOf(client.run('me/untyped', { input: { a: 1 } })).resolves.toEqualTypeOf<Result<unknown>>();
    expectTypeOf(client.run('typed/app', { input: { prompt: 'x' } })).resolves.toEqualTypeOf<
      Result<{ text: string }>
    >();
    expectTypeOf(
      client.subscribe('typed/app', { input: { prompt: 'x' }, logs: true }),
    ).resolves.toEqualTypeOf<Result<{ text: string }>>();
    // @ts-expect-error prompt must be a string for a typed endpoint
    client.run('typed/app', { input: { prompt: 1 } });
  });

  test('queue methods', () => {
    expectTypeOf(client.queue.submit('a/b', { input: {} })).resolves.toEqualTypeOf<InQueueQueueStatus>();
    expectTypeOf(client.queue.status('a/b', { requestId: 'r' })).resolves.toEqualTypeOf<QueueStatus>();
    expectTypeOf(
      client.queue.subscribeToStatus('a/b', { requestId: 'r' }),
    ).resolves.toEqualTypeOf<CompletedQueueStatus>();
    expectTypeOf(client.queue.cancel('a/b', { requestId: 'r' })).resolves.toEqualTypeOf<void>();
    expectTypeOf(client.queue.result('typed/app', { requestId: 'r' })).resolves.toEqualTypeOf<
      Result<{ text: string }>
    >();
  });

  test('seed surface', () => {
    expectTypeOf(client.submit('typed/app', { input: { prompt: 'x' } })).resolves.toEqualTypeOf<
      RequestHandle<{ text: string }>
    >();
    const handle = client.handle('a/b', 'r');
    expectTypeOf(handle.requestId).toEqualTypeOf<string>();
    expectTypeOf(handle.events()).toMatchTypeOf<AsyncIterable<QueueStatus>>();
    expectTypeOf(handle.result()).resolves.toEqualTypeOf<Result<unknown>>();
    expectTypeOf(fal.config).parameter(0).toHaveProperty('proxyUrl');
  });

  test('status guards narrow the union', () => {
    const status = {} as QueueStatus;
    if (isQueued(status)) expectTypeOf(status.queue_position).toEqualTypeOf<number>();
    if (isInProgress(status)) expectTypeOf(status).toEqualTypeOf<InProgressQueueStatus>();
    if (isCompleted(status)) expectTypeOf(status.logs).toEqualTypeOf<CompletedQueueStatus['logs']>();
    expectTypeOf<Priority>().toEqualTypeOf<'normal' | 'low'>();
  });

  test('errors', () => {
    expectTypeOf<ApiError>().toMatchTypeOf<FalError>();
    expectTypeOf<ValidationError>().toMatchTypeOf<ApiError<unknown>>();
    expectTypeOf<ValidationError['fieldErrors']>().toEqualTypeOf<ValidationErrorInfo[]>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
    expectTypeOf<ApiError['requestId']>().toEqualTypeOf<string>();
    expectTypeOf<MissingCredentialsError>().toMatchTypeOf<ApiError>();
    expectTypeOf<TimeoutError>().toMatchTypeOf<FalError>();
    expectTypeOf<FalInputError['path']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NetworkError>().toMatchTypeOf<TypeError>();
    expectTypeOf<NetworkError['method']>().toEqualTypeOf<string>();
    expectTypeOf<NetworkError['url']>().toEqualTypeOf<string>();
    expectTypeOf<ConstructorParameters<typeof NetworkError>[0]>().toEqualTypeOf<NetworkErrorArgs>();
  });

  test('options reject wrong types', () => {
    // @ts-expect-error priority is 'normal' | 'low'
    client.queue.submit('a/b', { priority: 'high' });
    // @ts-expect-error mode is 'polling' | 'streaming'
    client.subscribe('a/b', { mode: 'sse' });
  });
});

describe('config', () => {
  test('responseHandler is not carried over (see README): passing it is a type error, not silently ignored', () => {
    expectTypeOf<FalClientConfig>().not.toHaveProperty('responseHandler');
  });
});
