/**
 * Snapshots are unions discriminated by `status` and by every flag (TanStack's shape): testing a flag
 * narrows the whole result, so `if (job.isSuccess) job.data.images` compiles without `?.`.
 */
import type { FalClient } from '@falkit/core';
import { FalStore } from '@falkit/core/observers';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import { FalProvider, useFalRun, useFalStore, useFalStream, useFalSubscribe, useUpload } from '../src';
import { falQueryKey, falQueryOptions, falStreamQueryOptions } from '../src/entries/query';

interface ImageInput {
  prompt: string;
}
interface ImageOutput {
  images: { url: string; width: number }[];
}

declare module '@falkit/core' {
  interface EndpointTypeMap {
    'test/narrow-images': { input: ImageInput; output: ImageOutput };
  }
}

describe('every hook narrows on its flags', () => {
  it('useFalSubscribe: isSuccess → data, isError → error, isInQueue → queuePosition', () => {
    const job = useFalSubscribe('test/narrow-images', { prompt: 'a fox' });
    if (job.isSuccess) {
      expectTypeOf(job.data).toEqualTypeOf<ImageOutput>();
      expectTypeOf(job.data.images[0]!.url).toEqualTypeOf<string>();
      expectTypeOf(job.error).toEqualTypeOf<undefined>();
    }
    if (job.isError) {
      expectTypeOf(job.error).toEqualTypeOf<Error>();
      expectTypeOf(job.error.message).toEqualTypeOf<string>();
      expectTypeOf(job.data).toEqualTypeOf<undefined>();
    }
    if (job.isInQueue) expectTypeOf(job.queuePosition).toEqualTypeOf<number>();
    if (!job.isInQueue) expectTypeOf(job.queuePosition).toEqualTypeOf<undefined>();
    if (job.status === 'success') expectTypeOf(job.isSuccess).toEqualTypeOf<true>();
    // @ts-expect-error outside success, data may be undefined
    job.data.images;
  });

  it('useFalRun narrows the same way (mutation mode too)', () => {
    const run = useFalRun('test/narrow-images', { prompt: 'x' });
    if (run.isSuccess) expectTypeOf(run.data.images).toEqualTypeOf<{ url: string; width: number }[]>();
    if (run.isError) expectTypeOf(run.error.message).toEqualTypeOf<string>();
    const mutation = useFalRun<'me/app', { a: number }, { b: number }>('me/app');
    if (mutation.isSuccess) expectTypeOf(mutation.data.b).toEqualTypeOf<number>();
    if (mutation.isIdle) expectTypeOf(mutation.data).toEqualTypeOf<undefined>();
  });

  it('useFalStream: isError → error; the status flags narrow status', () => {
    const stream = useFalStream<'fal-ai/any-llm', { prompt: string }, { output: string }>('fal-ai/any-llm');
    if (stream.isError) {
      expectTypeOf(stream.error).toEqualTypeOf<Error>();
      expectTypeOf(stream.error.message).toEqualTypeOf<string>();
      expectTypeOf(stream.status).toEqualTypeOf<'error'>();
    }
    if (stream.isSuccess) expectTypeOf(stream.error).toEqualTypeOf<undefined>();
    if (stream.isStreaming) expectTypeOf(stream.data).toEqualTypeOf<{ output: string } | undefined>();
    if (stream.isSettled) expectTypeOf(stream.status).toEqualTypeOf<'success' | 'error' | 'cancelled'>();
  });

  it('useUpload: isError → error; isSuccess → no error', () => {
    const upload = useUpload({ accept: ['image/*'] });
    if (upload.isError) expectTypeOf(upload.error.message).toEqualTypeOf<string>();
    if (upload.isSuccess) {
      expectTypeOf(upload.error).toEqualTypeOf<undefined>();
      expectTypeOf(upload.urls).toEqualTypeOf<readonly string[]>();
    }
    if (upload.isUploading) expectTypeOf(upload.error).toEqualTypeOf<Error | undefined>();
  });
});

describe('the query adapter narrows as TanStack does, with fal types', () => {
  it('useQuery(falQueryOptions(...)): isSuccess → data, isError → error', () => {
    const query = useQuery(falQueryOptions('test/narrow-images', { prompt: 'x' }));
    if (query.isSuccess) expectTypeOf(query.data.images[0]!.width).toEqualTypeOf<number>();
    if (query.isError) expectTypeOf(query.error.message).toEqualTypeOf<string>();
    if (query.isPending) expectTypeOf(query.data).toEqualTypeOf<undefined>();
    const suspense = useSuspenseQuery(falQueryOptions('test/narrow-images', { prompt: 'x' }));
    expectTypeOf(suspense.data).toEqualTypeOf<ImageOutput>();
  });

  it('keys come from the store: one key type for every option set', () => {
    const store = new FalStore({ config: { credentials: 'k' } });
    const key = falQueryKey('test/narrow-images', { prompt: 'x' }, { store, logs: true });
    expectTypeOf(key).toEqualTypeOf<readonly ['fal', string, { prompt: string }, string]>();
    expectTypeOf(falQueryOptions('test/narrow-images', { prompt: 'x' }, { store }).queryKey).toMatchTypeOf<
      readonly ['fal', string, ImageInput, string]
    >();
    const stream = useQuery(
      falStreamQueryOptions<'fal-ai/any-llm', { prompt: string }, { output: string }>('fal-ai/any-llm', {
        prompt: 'x',
      }),
    );
    if (stream.isSuccess) expectTypeOf(stream.data).toEqualTypeOf<{ output: string }[]>();
  });
});

describe('provider and store', () => {
  it('<FalProvider> takes a store, a client or a config (with policies), never two of them', () => {
    const store = new FalStore({ config: { credentials: 'k' }, gcTime: 60_000 });
    expectTypeOf(useFalStore()).toEqualTypeOf<FalStore<FalClient>>();
    <FalProvider store={store} />;
    <FalProvider client={store.client} gcTime={0} maxLogs={200} />;
    <FalProvider config={{ credentials: 'k' }} gcTime={60_000} />;
    // @ts-expect-error a store carries its own client
    <FalProvider store={store} client={store.client} />;
    // @ts-expect-error a given store's policies are set on the store
    <FalProvider store={store} gcTime={0} />;
    useFalSubscribe('test/narrow-images', { prompt: 'x' }, { gcTime: 0 });
    // @ts-expect-error gcTime is a number of ms
    useFalSubscribe('test/narrow-images', { prompt: 'x' }, { gcTime: '5m' });
  });
});
