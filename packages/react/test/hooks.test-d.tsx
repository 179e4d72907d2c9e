import { type FalClient, fal, type RequestLog, type ValidationError } from '@falkit/core';
import { type ObserverStatus, SubscribeObserver } from '@falkit/core/observers';
import { describe, expectTypeOf, it } from 'vitest';
import {
  FalProvider,
  type UploadErrorCode,
  type UseFalSubscribeOptions,
  type UseFalSubscribeResult,
  useFalClient,
  useFalRun,
  useFalStream,
  useFalSubscribe,
  useObserverSnapshot,
  useUpload,
} from '../src';
import {
  type FalQueryCallOptions,
  type FalQueryKey,
  type FalStreamQueryOptions,
  falMutationOptions,
  falQueryOptions,
  falStreamQueryOptions,
} from '../src/entries/query';

interface SdxlInput {
  prompt: string;
  seed?: number;
}
interface SdxlOutput {
  images: { url: string }[];
}

declare module '@falkit/core' {
  interface EndpointTypeMap {
    'test/typed-sdxl': { input: SdxlInput; output: SdxlOutput };
  }
}

describe('hook types', () => {
  it('useFalSubscribe infers input and output from the endpoint map', () => {
    const job = useFalSubscribe('test/typed-sdxl', { prompt: 'a cat' });
    expectTypeOf(job.data).toEqualTypeOf<SdxlOutput | undefined>();
    expectTypeOf(job.submit).parameter(0).toEqualTypeOf<SdxlInput>();
    expectTypeOf(job.submit).returns.resolves.toEqualTypeOf<{ data: SdxlOutput; requestId: string }>();
    expectTypeOf(job.status).toEqualTypeOf<
      'idle' | 'submitting' | 'in_queue' | 'in_progress' | 'success' | 'error' | 'cancelled'
    >();
    expectTypeOf(job.status).toMatchTypeOf<ObserverStatus>();
    expectTypeOf(job.logs).toEqualTypeOf<readonly RequestLog[]>();
    expectTypeOf(job.error).toEqualTypeOf<Error | undefined>();
    expectTypeOf(job.queuePosition).toEqualTypeOf<number | undefined>();
    expectTypeOf(job.isInQueue).toBeBoolean();
    // @ts-expect-error a typed endpoint rejects input of the wrong shape
    useFalSubscribe('test/typed-sdxl', { prompt: 1 });
  });

  it('explicit generics work for endpoints outside the map; mutation mode needs no input', () => {
    const job = useFalSubscribe<'me/app', { text: string }, { words: number }>('me/app');
    expectTypeOf(job.submit).parameter(0).toEqualTypeOf<{ text: string }>();
    expectTypeOf(job.data).toEqualTypeOf<{ words: number } | undefined>();
    const run = useFalRun<'me/app', { text: string }, { words: number }>(
      'me/app',
      { text: 'x' },
      { enabled: false },
    );
    expectTypeOf(run.data).toEqualTypeOf<{ words: number } | undefined>();
    // @ts-expect-error queue-only options are not run options
    useFalRun('me/app', {}, { priority: 'low' });
  });

  it('options carry typed callbacks', () => {
    useFalSubscribe(
      'test/typed-sdxl',
      { prompt: 'x' },
      {
        onSuccess: (data) => expectTypeOf(data).toEqualTypeOf<SdxlOutput>(),
        onError: (error) => expectTypeOf(error).toEqualTypeOf<Error>(),
        onLog: (log) => expectTypeOf(log).toEqualTypeOf<RequestLog>(),
        onEnqueue: (id) => expectTypeOf(id).toBeString(),
        priority: 'low',
        cancelOnUnmount: false,
        maxLogs: 200,
        throttle: 50,
      },
    );
    // @ts-expect-error maxLogs is a number
    useFalSubscribe('test/typed-sdxl', { prompt: 'x' }, { maxLogs: '200' });
    // @ts-expect-error priority is normal | low
    useFalSubscribe('test/typed-sdxl', { prompt: 'x' }, { priority: 'high' });
  });

  it('useFalStream and useUpload results', () => {
    const stream = useFalStream<'fal-ai/any-llm', { prompt: string }, { output: string }>('fal-ai/any-llm', {
      maxEvents: 10,
    });
    expectTypeOf(stream.start).parameter(0).toEqualTypeOf<{ prompt: string }>();
    expectTypeOf(stream.data).toEqualTypeOf<{ output: string } | undefined>();
    expectTypeOf(stream.events).toEqualTypeOf<readonly { output: string }[]>();
    expectTypeOf(stream.status).toEqualTypeOf<'idle' | 'streaming' | 'success' | 'error' | 'cancelled'>();
    expectTypeOf(stream.stop).toEqualTypeOf<() => void>();

    const upload = useUpload({ accept: ['image/*'], maxSize: 1024, progressGranularity: 'coarse' });
    expectTypeOf(upload.upload).returns.resolves.toEqualTypeOf<string[]>();
    expectTypeOf<(typeof upload.errors)[number]['code']>().toEqualTypeOf<UploadErrorCode>();
    expectTypeOf(upload.progress).toEqualTypeOf<{ loaded: number; total: number; fraction: number }>();
    // @ts-expect-error unknown granularity
    useUpload({ progressGranularity: 'medium' });
  });

  it('provider and client', () => {
    expectTypeOf(useFalClient()).toEqualTypeOf<FalClient>();
    expectTypeOf(FalProvider).parameter(0).toMatchTypeOf<{ client: FalClient } | { config?: object }>();
  });

  it('query adapter keys and data', () => {
    const options = falQueryOptions('test/typed-sdxl', { prompt: 'x' });
    expectTypeOf(options.queryKey).toMatchTypeOf<readonly unknown[]>();
    const mutation = falMutationOptions('test/typed-sdxl');
    expectTypeOf(mutation.mutationFn).parameter(0).toEqualTypeOf<SdxlInput>();
    const streamOptions = falStreamQueryOptions<'fal-ai/any-llm', { prompt: string }, { output: string }>(
      'fal-ai/any-llm',
      {
        prompt: 'x',
      },
    );
    expectTypeOf(streamOptions.queryKey).toMatchTypeOf<readonly unknown[]>();
  });

  it('query adapter option and key types', () => {
    expectTypeOf(falQueryOptions('test/typed-sdxl', { prompt: 'x' }).queryKey).toMatchTypeOf<
      FalQueryKey<SdxlInput>
    >();
    const callOptions: FalQueryCallOptions = { mode: 'run', timeout: 1_000, logs: true };
    expectTypeOf(callOptions.mode).toEqualTypeOf<'subscribe' | 'run' | undefined>();
    // @ts-expect-error mode is subscribe | run
    const badMode: FalQueryCallOptions = { mode: 'stream' };
    const wordCount: FalStreamQueryOptions<{ output: string }, number> = {
      reducer: (count, event) => count + event.output.split(' ').length,
      initialValue: 0,
    };
    const counted = falStreamQueryOptions<'fal-ai/any-llm', { prompt: string }, { output: string }, number>(
      'fal-ai/any-llm',
      { prompt: 'x' },
      wordCount,
    );
    expectTypeOf(counted.queryFn).returns.resolves.toEqualTypeOf<number>();
    void badMode;
  });

  it('ValidationError narrowing exposes fieldErrors', () => {
    const job = useFalSubscribe('test/typed-sdxl', { prompt: 'x' });
    if (job.error && 'fieldErrors' in job.error) {
      expectTypeOf((job.error as ValidationError).fieldErrors).toBeArray();
    }
  });

  it('useObserverSnapshot returns the observer snapshot type; option/result types compose into wrappers', () => {
    const observer = new SubscribeObserver<SdxlInput, SdxlOutput>(fal, {
      endpointId: 'test/typed-sdxl',
      input: { prompt: 'x' },
    });
    const snapshot = useObserverSnapshot(observer);
    expectTypeOf(snapshot.data).toEqualTypeOf<SdxlOutput | undefined>();
    expectTypeOf(snapshot.submit).parameter(0).toEqualTypeOf<SdxlInput>();

    function useAvatar(
      prompt: string,
      options: UseFalSubscribeOptions<SdxlInput, SdxlOutput> = {},
    ): UseFalSubscribeResult<SdxlInput, SdxlOutput> {
      return useFalSubscribe<'test/typed-sdxl', SdxlInput, SdxlOutput>(
        'test/typed-sdxl',
        { prompt },
        options,
      );
    }
    expectTypeOf(useAvatar('x').data).toEqualTypeOf<SdxlOutput | undefined>();
    // @ts-expect-error options are typed by the wrapper's output
    useAvatar('x', { onSuccess: (data: { other: number }) => data });
  });
});
