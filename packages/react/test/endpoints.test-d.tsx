/**
 * Inference from the endpoint id through the hooks, the react-query option factories and
 * `<FalImageResult>`, with fal's generated map and the emulator's stand-ins opted in. Outputs are
 * checked through callbacks and promises (not snapshot fields), which do not depend on how the
 * snapshot itself is shaped.
 */
import type { FalEndpoint, InputType, OutputType, UnknownEndpointInput } from '@falkit/core';
import type {} from '@falkit/core/endpoints';
import type { AnyLlmInput, AnyLlmOutput } from '@falkit/emulator';
import type {} from '@falkit/emulator/endpoints';
import { useState } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import { FalImageResult, type FalImageResultProps, useFalRun, useFalStream, useFalSubscribe } from '../src';
import { falMutationOptions, falQueryOptions, falStreamQueryOptions } from '../src/entries/query';

// fal's generated types (core's endpoints.test-d.ts checks these are @fal-ai/client's, by name).
type FastSdxlInput = InputType<'fal-ai/fast-sdxl'>;
type FastSdxlOutput = OutputType<'fal-ai/fast-sdxl'>;
type FluxDevInput = InputType<'fal-ai/flux/dev'>;
type FluxDevOutput = OutputType<'fal-ai/flux/dev'>;
type WhisperInput = InputType<'fal-ai/whisper'>;
type WhisperOutput = OutputType<'fal-ai/whisper'>;

describe('hooks infer input and output from the id', () => {
  it('useFalSubscribe', () => {
    const sdxl = useFalSubscribe(
      'fal-ai/fast-sdxl',
      { prompt: 'a cat' },
      {
        onSuccess: (data) => expectTypeOf(data).toEqualTypeOf<FastSdxlOutput>(),
      },
    );
    expectTypeOf(sdxl.submit).parameter(0).toEqualTypeOf<FastSdxlInput>();
    expectTypeOf(sdxl.submit).returns.resolves.toHaveProperty('data').toEqualTypeOf<FastSdxlOutput>();

    const flux = useFalSubscribe('fal-ai/flux/dev');
    expectTypeOf(flux.submit).parameter(0).toEqualTypeOf<FluxDevInput>();
    expectTypeOf(flux.submit).returns.resolves.toHaveProperty('data').toEqualTypeOf<FluxDevOutput>();

    const whisper = useFalSubscribe('fal-ai/whisper', null, {
      onSuccess: (data) => expectTypeOf(data).toEqualTypeOf<WhisperOutput>(),
    });
    expectTypeOf(whisper.submit).parameter(0).toEqualTypeOf<WhisperInput>();

    const llm = useFalSubscribe('fal-ai/any-llm', { prompt: 'hi' });
    expectTypeOf(llm.submit).returns.resolves.toHaveProperty('data').toEqualTypeOf<AnyLlmOutput>();

    // @ts-expect-error 'promt' does not exist in FastSdxlInput
    useFalSubscribe('fal-ai/fast-sdxl', { promt: 'a cat' });
    // @ts-expect-error 'promt' does not exist in FluxDevInput
    useFalSubscribe('fal-ai/flux/dev', { promt: 'a cat' });
  });

  it('useFalRun', () => {
    const run = useFalRun(
      'fal-ai/flux/dev',
      { prompt: 'a cat' },
      {
        onSuccess: (data) => expectTypeOf(data).toEqualTypeOf<FluxDevOutput>(),
      },
    );
    expectTypeOf(run.submit).parameter(0).toEqualTypeOf<FluxDevInput>();
    expectTypeOf(run.submit).returns.resolves.toHaveProperty('data').toEqualTypeOf<FluxDevOutput>();
    const whisper = useFalRun('fal-ai/whisper');
    expectTypeOf(whisper.submit).returns.resolves.toHaveProperty('data').toEqualTypeOf<WhisperOutput>();
    // @ts-expect-error 'promt' does not exist in FluxDevInput
    useFalRun('fal-ai/flux/dev', { promt: 'a cat' });
  });

  it('useFalStream', () => {
    const stream = useFalStream('fal-ai/any-llm', {
      onEvent: (event) => expectTypeOf(event).toEqualTypeOf<AnyLlmOutput>(),
      onSuccess: (last) => expectTypeOf(last).toEqualTypeOf<AnyLlmOutput | undefined>(),
    });
    expectTypeOf(stream.start).parameter(0).toEqualTypeOf<AnyLlmInput>();
    // @ts-expect-error 'promt' does not exist in AnyLlmInput
    stream.start({ promt: 'hi' });
  });

  it('ids outside the map fall back to unknown-safe types; generics name them', () => {
    useFalSubscribe(
      'me/private-app',
      { anything: 1 },
      {
        onSuccess: (data) => expectTypeOf(data).toBeUnknown(),
      },
    );
    const job = useFalSubscribe('me/private-app');
    expectTypeOf(job.submit).parameter(0).toEqualTypeOf<UnknownEndpointInput>();
    const typed = useFalSubscribe<FalEndpoint<{ text: string }, { words: number }>>('me/private-app');
    expectTypeOf(typed.submit).returns.resolves.toHaveProperty('data').toEqualTypeOf<{ words: number }>();
    const generic = useFalRun<'me/private-app', { text: string }, { words: number }>('me/private-app');
    expectTypeOf(generic.submit).parameter(0).toEqualTypeOf<{ text: string }>();
  });
});

describe('react-query option factories infer from the id', () => {
  it('falQueryOptions, falMutationOptions, falStreamQueryOptions', () => {
    const query = falQueryOptions('fal-ai/fast-sdxl', { prompt: 'a cat' });
    expectTypeOf(query.queryFn)
      .exclude<symbol | undefined>()
      .returns.resolves.toEqualTypeOf<FastSdxlOutput>();
    const run = falQueryOptions('fal-ai/whisper', { audio_url: 'https://x/a.wav' }, { mode: 'run' });
    expectTypeOf(run.queryFn).exclude<symbol | undefined>().returns.resolves.toEqualTypeOf<WhisperOutput>();
    const mutation = falMutationOptions('fal-ai/flux/dev');
    expectTypeOf(mutation.mutationFn).exclude<undefined>().parameter(0).toEqualTypeOf<FluxDevInput>();
    expectTypeOf(mutation.mutationFn).exclude<undefined>().returns.resolves.toEqualTypeOf<FluxDevOutput>();
    const stream = falStreamQueryOptions('fal-ai/any-llm', { prompt: 'hi' });
    expectTypeOf(stream.queryFn)
      .exclude<symbol | undefined>()
      .returns.resolves.toEqualTypeOf<AnyLlmOutput[]>();
    // @ts-expect-error 'promt' does not exist in FastSdxlInput
    falQueryOptions('fal-ai/fast-sdxl', { promt: 'a cat' });
    // @ts-expect-error 'promt' does not exist in AnyLlmInput
    falStreamQueryOptions('fal-ai/any-llm', { promt: 'hi' });
    // The id, not a reducer's annotation, decides the event type.
    const countText = (count: number, event: { text: string }) => count + event.text.length;
    // @ts-expect-error AnyLlmOutput is not { text: string }
    falStreamQueryOptions('fal-ai/any-llm', { prompt: 'hi' }, { reducer: countText, initialValue: 0 });
    expectTypeOf(falMutationOptions('me/private-app').mutationFn)
      .exclude<undefined>()
      .returns.toEqualTypeOf<Promise<unknown>>();
  });
});

describe('<FalImageResult> accepts the typed output', () => {
  it('takes images of fast-sdxl and flux outputs as they are', () => {
    expectTypeOf<FastSdxlOutput['images'][number]>().toHaveProperty('url').toEqualTypeOf<string>();
    expectTypeOf<FastSdxlOutput['images']>().toExtend<FalImageResultProps['images']>();
    expectTypeOf<FluxDevOutput['images']>().toExtend<FalImageResultProps['images']>();
    function Gallery() {
      const [output, setOutput] = useState<OutputType<'fal-ai/flux/dev'>>();
      const job = useFalSubscribe('fal-ai/flux/dev', { prompt: 'a cat' }, { onSuccess: setOutput });
      return <FalImageResult images={output?.images} status={job.status} error={job.error} />;
    }
    void Gallery;
    function Snapshot() {
      const job = useFalSubscribe('fal-ai/fast-sdxl', { prompt: 'a cat' });
      expectTypeOf(job.data).toEqualTypeOf<FastSdxlOutput | undefined>();
      return <FalImageResult images={job.data?.images} status={job.status} error={job.error} />;
    }
    void Snapshot;
  });
});
