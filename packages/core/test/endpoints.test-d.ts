/**
 * Inference from the endpoint id across core's surface, with fal's generated map
 * (`@falkit/core/endpoints`) and the emulator's stand-ins (`@falkit/emulator/endpoints`) opted in.
 * The expected types are the official ones, imported by name from `@fal-ai/client/endpoints`.
 */
import type {
  FastSdxlInput,
  FastSdxlOutput,
  FluxDevInput,
  FluxDevOutput,
  whisperInput as WhisperInput,
  whisperOutput as WhisperOutput,
} from '@fal-ai/client/endpoints';
import {
  type FalEndpoint,
  type FalStream,
  type InputType,
  type OutputType,
  type RequestHandle,
  type Result,
  type UnknownEndpointInput,
  createFalClient,
  fal,
} from '@falkit/core';
import type {} from '@falkit/core/endpoints';
import { SubscribeObserver } from '@falkit/core/observers';
import type { AnyLlmInput, AnyLlmOutput, EchoOutput } from '@falkit/emulator';
import type {} from '@falkit/emulator/endpoints';
import { describe, expectTypeOf, it } from 'vitest';

const client = createFalClient({ credentials: 'k' });

describe('the map is filled by the opt-in entries', () => {
  it('fal ids resolve to fal’s generated types, stand-ins to the emulator’s', () => {
    expectTypeOf<InputType<'fal-ai/fast-sdxl'>>().toEqualTypeOf<FastSdxlInput>();
    expectTypeOf<OutputType<'fal-ai/fast-sdxl'>>().toEqualTypeOf<FastSdxlOutput>();
    expectTypeOf<InputType<'fal-ai/flux/dev'>>().toEqualTypeOf<FluxDevInput>();
    expectTypeOf<OutputType<'fal-ai/flux/dev'>>().toEqualTypeOf<FluxDevOutput>();
    expectTypeOf<InputType<'fal-ai/whisper'>>().toEqualTypeOf<WhisperInput>();
    expectTypeOf<OutputType<'fal-ai/whisper'>>().toEqualTypeOf<WhisperOutput>();
    expectTypeOf<InputType<'fal-ai/any-llm'>>().toEqualTypeOf<AnyLlmInput>();
    expectTypeOf<OutputType<'fal-ai/any-llm'>>().toEqualTypeOf<AnyLlmOutput>();
    expectTypeOf<OutputType<'falkit/echo'>>().toEqualTypeOf<EchoOutput>();
  });
});

describe('fal.run and fal.subscribe', () => {
  it('infer input and output from the id', () => {
    expectTypeOf(fal.run('fal-ai/fast-sdxl', { input: { prompt: 'a cat' } })).resolves.toEqualTypeOf<
      Result<FastSdxlOutput>
    >();
    expectTypeOf(client.run('fal-ai/flux/dev', { input: { prompt: 'a cat' } })).resolves.toEqualTypeOf<
      Result<FluxDevOutput>
    >();
    expectTypeOf(
      fal.subscribe('fal-ai/whisper', { input: { audio_url: new Blob([]) }, logs: true }),
    ).resolves.toEqualTypeOf<Result<WhisperOutput>>();
    expectTypeOf(fal.subscribe('fal-ai/any-llm', { input: { prompt: 'hi' } })).resolves.toEqualTypeOf<
      Result<AnyLlmOutput>
    >();
    expectTypeOf(fal.run('fal-ai/fast-sdxl')).parameter(1).exclude<undefined>().toHaveProperty('input');
  });

  it('reject a misspelled or mistyped input field', () => {
    // @ts-expect-error 'promt' does not exist in FastSdxlInput ("Did you mean to write 'prompt'?")
    fal.run('fal-ai/fast-sdxl', { input: { promt: 'a cat' } });
    // @ts-expect-error 'promt' does not exist in FluxDevInput
    fal.subscribe('fal-ai/flux/dev', { input: { promt: 'a cat' } });
    // @ts-expect-error image_size is one of fal's presets or {width, height}
    fal.run('fal-ai/flux/dev', { input: { prompt: 'a cat', image_size: 'huge' } });
    // @ts-expect-error audio_url is required by whisper
    fal.subscribe('fal-ai/whisper', { input: { language: 'en' } });
    // @ts-expect-error language is one of whisper's codes
    fal.subscribe('fal-ai/whisper', { input: { audio_url: 'https://x', language: 'klingon' } });
    // @ts-expect-error prompt is a string
    fal.run('fal-ai/any-llm', { input: { prompt: 42 } });
  });
});

describe('submit handles, result and queue.*', () => {
  it('carry the output type of the id', () => {
    expectTypeOf(client.submit('fal-ai/fast-sdxl', { input: { prompt: 'x' } })).resolves.toEqualTypeOf<
      RequestHandle<FastSdxlOutput>
    >();
    const handle = client.handle('fal-ai/flux/dev', 'request-id');
    expectTypeOf(handle.result()).resolves.toEqualTypeOf<Result<FluxDevOutput>>();
    expectTypeOf(client.result('fal-ai/whisper', 'request-id')).resolves.toEqualTypeOf<
      Result<WhisperOutput>
    >();
    expectTypeOf(client.queue.result('fal-ai/any-llm', { requestId: 'r' })).resolves.toEqualTypeOf<
      Result<AnyLlmOutput>
    >();
    // queue.submit checks the input and resolves to the queue status.
    client.queue.submit('fal-ai/fast-sdxl', { input: { prompt: 'x' } });
    // @ts-expect-error 'promt' does not exist in FastSdxlInput
    client.queue.submit('fal-ai/fast-sdxl', { input: { promt: 'x' } });
    // @ts-expect-error 'promt' does not exist in FastSdxlInput
    client.submit('fal-ai/fast-sdxl', { input: { promt: 'x' } });
  });
});

describe('fal.stream', () => {
  it('types events and the final value from the id', () => {
    const started = () => fal.stream('fal-ai/any-llm', { input: { prompt: 'hi' } });
    expectTypeOf(started).returns.resolves.toEqualTypeOf<FalStream<AnyLlmInput, AnyLlmOutput>>();
    const consume = async (stream: Awaited<ReturnType<typeof started>>) => {
      for await (const event of stream) expectTypeOf(event.output).toBeString();
      stream.on('data', (event) => expectTypeOf(event).toEqualTypeOf<AnyLlmOutput>());
      expectTypeOf(await stream.done()).toEqualTypeOf<AnyLlmOutput>();
    };
    void consume;
    // @ts-expect-error 'promt' does not exist in AnyLlmInput
    fal.stream('fal-ai/any-llm', { input: { promt: 'hi' } });
  });
});

describe('observers', () => {
  it('SubscribeObserver types callbacks and submit from its options', () => {
    const observer = new SubscribeObserver<InputType<'fal-ai/fast-sdxl'>, OutputType<'fal-ai/fast-sdxl'>>(
      fal,
      {
        endpointId: 'fal-ai/fast-sdxl',
        input: { prompt: 'x' },
        onSuccess: (data) => expectTypeOf(data).toEqualTypeOf<FastSdxlOutput>(),
      },
    );
    expectTypeOf(observer.submit).parameter(0).toEqualTypeOf<FastSdxlInput>();
  });
});

describe('ids outside the map', () => {
  it('fall back to unknown-safe types, never any', () => {
    expectTypeOf<InputType<'me/private-app'>>().toEqualTypeOf<UnknownEndpointInput>();
    expectTypeOf<UnknownEndpointInput>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<OutputType<'me/private-app'>>().toBeUnknown();
    expectTypeOf(fal.run('me/private-app', { input: { anything: 1 } })).resolves.toEqualTypeOf<
      Result<unknown>
    >();
    const id: string = 'decided/at-runtime';
    expectTypeOf(fal.subscribe(id)).resolves.toEqualTypeOf<Result<unknown>>();
    expectTypeOf(fal.stream('me/private-app')).resolves.toEqualTypeOf<
      FalStream<UnknownEndpointInput, unknown>
    >();
    const read = async () => {
      const { data } = await fal.run('me/private-app');
      // @ts-expect-error unknown output must be narrowed before use
      data.images;
    };
    void read;
  });

  it('FalEndpoint<Input, Output> is the explicit generic escape hatch', () => {
    type MyApp = FalEndpoint<{ text: string }, { words: number }>;
    expectTypeOf(fal.run<MyApp>('me/private-app', { input: { text: 'x' } })).resolves.toEqualTypeOf<
      Result<{ words: number }>
    >();
    expectTypeOf(fal.submit<MyApp>('me/private-app', { input: { text: 'x' } })).resolves.toEqualTypeOf<
      RequestHandle<{ words: number }>
    >();
    expectTypeOf(fal.stream<MyApp>('me/private-app')).resolves.toEqualTypeOf<
      FalStream<{ text: string }, { words: number }>
    >();
    // @ts-expect-error the named input type is checked
    fal.run<MyApp>('me/private-app', { input: { txt: 'x' } });
    expectTypeOf<InputType<FalEndpoint>>().toEqualTypeOf<UnknownEndpointInput>();
    expectTypeOf<OutputType<FalEndpoint>>().toBeUnknown();
  });
});
