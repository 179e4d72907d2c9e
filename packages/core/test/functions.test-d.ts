/**
 * `@falkit/core/functions` infers inputs and outputs from the endpoint id like the client's methods,
 * with fal's generated map and the emulator's stand-ins opted in.
 */
import type {
  FastSdxlInput,
  FastSdxlOutput,
  FluxDevOutput,
  whisperOutput as WhisperOutput,
} from '@fal-ai/client/endpoints';
import type { FalStream, InQueueQueueStatus, Result, UploadData } from '@falkit/core';
import type {} from '@falkit/core/endpoints';
import {
  type FalConnection,
  createFalConnection,
  result,
  run,
  stream,
  submit,
  subscribe,
  upload,
} from '@falkit/core/functions';
import type { AnyLlmInput, AnyLlmOutput } from '@falkit/emulator';
import type {} from '@falkit/emulator/endpoints';
import { describe, expectTypeOf, it } from 'vitest';

const fal = createFalConnection({ proxyUrl: '/api/fal/proxy' });

describe('createFalConnection', () => {
  it('returns an opaque handle without the transport fields', () => {
    expectTypeOf(fal).toEqualTypeOf<FalConnection>();
    // @ts-expect-error the context's request() is not part of the handle
    fal.request;
    // @ts-expect-error any object is not a connection
    run({}, 'fal-ai/fast-sdxl');
  });
});

describe('the calls infer from the endpoint id', () => {
  it('run, subscribe, submit, result', () => {
    expectTypeOf(run(fal, 'fal-ai/fast-sdxl', { input: { prompt: 'a cat' } })).resolves.toEqualTypeOf<
      Result<FastSdxlOutput>
    >();
    expectTypeOf(run<'fal-ai/fast-sdxl'>)
      .parameter(2)
      .exclude<undefined>()
      .toHaveProperty('input');
    expectTypeOf<NonNullable<Parameters<typeof run<'fal-ai/fast-sdxl'>>[2]>['input']>().toEqualTypeOf<
      FastSdxlInput | undefined
    >();
    expectTypeOf(
      subscribe(fal, 'fal-ai/whisper', { input: { audio_url: new Blob([]) }, logs: true }),
    ).resolves.toEqualTypeOf<Result<WhisperOutput>>();
    expectTypeOf(
      submit(fal, 'fal-ai/flux/dev', { input: { prompt: 'x' } }),
    ).resolves.toEqualTypeOf<InQueueQueueStatus>();
    expectTypeOf(result(fal, 'fal-ai/flux/dev', { requestId: 'r' })).resolves.toEqualTypeOf<
      Result<FluxDevOutput>
    >();
    expectTypeOf(upload(fal, new Blob([]))).resolves.toBeString();
    expectTypeOf(upload).parameter(1).toEqualTypeOf<UploadData>();
  });

  it('stream types its events and final value', () => {
    expectTypeOf(stream(fal, 'fal-ai/any-llm', { input: { prompt: 'hi' } })).resolves.toEqualTypeOf<
      FalStream<AnyLlmInput, AnyLlmOutput>
    >();
  });

  it('reject a misspelled or mistyped field', () => {
    // @ts-expect-error 'promt' does not exist in FastSdxlInput
    run(fal, 'fal-ai/fast-sdxl', { input: { promt: 'a cat' } });
    // @ts-expect-error 'promt' does not exist in FluxDevInput
    subscribe(fal, 'fal-ai/flux/dev', { input: { promt: 'a cat' } });
    // @ts-expect-error 'promt' does not exist in AnyLlmInput
    stream(fal, 'fal-ai/any-llm', { input: { promt: 'hi' } });
    // @ts-expect-error 'promt' does not exist in FastSdxlInput
    submit(fal, 'fal-ai/fast-sdxl', { input: { promt: 'x' } });
    // @ts-expect-error prompt is a string
    run(fal, 'fal-ai/any-llm', { input: { prompt: 42 } });
  });
});
