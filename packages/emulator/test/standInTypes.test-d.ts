/**
 * The stand-in apps answer with the types their endpoint ids have: fal's generated map
 * (`@falkit/core/endpoints`) for fal's ids, the emulator's own map for the rest. The outputs
 * checked are the types the app functions are inferred to produce, so a drift in an app fails here.
 */
import type { InputType, OutputType } from '@falkit/core';
import type {} from '@falkit/core/endpoints';
import type {} from '@falkit/emulator/endpoints';
import { describe, expectTypeOf, it } from 'vitest';
import { anyLlmApp } from '../src/apps/anyLlmApp';
import type { AppHandler } from '../src/apps/appTypes';
import { echoApp } from '../src/apps/echoApp';
import { fastSdxlApp, fluxDevApp, type fluxSchnellApp } from '../src/apps/imageApps';
import { whisperApp } from '../src/apps/whisperApp';
import type { WhisperLanguage } from '../src/apps/whisperLanguages';

/** What an app resolves to (a plain app) or returns last (a streaming app). */
type AppResult<App> = App extends (...args: never[]) => infer R
  ? R extends AsyncGenerator<unknown, infer Final, unknown>
    ? Final
    : Awaited<R>
  : never;
/** What a streaming app yields before its result. */
type AppEvent<App> = App extends (...args: never[]) => AsyncGenerator<infer Event, unknown, unknown>
  ? Event
  : never;

describe('stand-in apps match the endpoint types', () => {
  it('image apps answer with fal’s fast-sdxl / flux outputs', () => {
    expectTypeOf<AppResult<typeof fastSdxlApp>>().toExtend<OutputType<'fal-ai/fast-sdxl'>>();
    expectTypeOf<AppResult<typeof fluxDevApp>>().toExtend<OutputType<'fal-ai/flux/dev'>>();
    expectTypeOf<AppResult<typeof fluxSchnellApp>>().toExtend<OutputType<'fal-ai/flux/schnell'>>();
  });

  it('whisper answers with fal’s whisper output', () => {
    expectTypeOf<AppResult<typeof whisperApp>>().toExtend<OutputType<'fal-ai/whisper'>>();
    // The codes the stand-in accepts are exactly fal's.
    expectTypeOf<WhisperLanguage>().toEqualTypeOf<NonNullable<InputType<'fal-ai/whisper'>['language']>>();
  });

  it('any-llm events and result match the emulator map, and fal’s successor (openrouter/router) but for error: null', () => {
    expectTypeOf<AppEvent<typeof anyLlmApp>>().toExtend<OutputType<'fal-ai/any-llm'>>();
    expectTypeOf<AppResult<typeof anyLlmApp>>().toExtend<OutputType<'fal-ai/any-llm'>>();
    expectTypeOf<Omit<AppResult<typeof anyLlmApp>, 'error'>>().toExtend<OutputType<'openrouter/router'>>();
    expectTypeOf<InputType<'fal-ai/any-llm'>>().toHaveProperty('prompt').toEqualTypeOf<string>();
  });

  it('echo streams {index, total} and returns an object', () => {
    expectTypeOf<AppEvent<typeof echoApp>>().toEqualTypeOf<{ index: number; total: number }>();
    expectTypeOf<AppEvent<typeof echoApp>>().toExtend<OutputType<'falkit/echo'>>();
    expectTypeOf<InputType<'falkit/echo'>>().toHaveProperty('delay_ms').toEqualTypeOf<number | undefined>();
  });

  it('every stand-in is still an AppHandler', () => {
    for (const app of [fastSdxlApp, fluxDevApp, whisperApp, anyLlmApp, echoApp]) {
      expectTypeOf(app).toExtend<AppHandler>();
    }
  });
});
