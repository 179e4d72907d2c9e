import type { ApiError } from '@falkit/core';
import type { RealtimeStatus } from '@falkit/core/observers';
import { describe, expectTypeOf, it } from 'vitest';
import { type UseFalRealtimeOptions, useFalRealtime } from '../src';

interface LcmInput {
  prompt: string;
  sync_mode?: boolean;
}
interface LcmOutput {
  images: { url: string }[];
}

declare module '@falkit/core' {
  interface EndpointTypeMap {
    'test/typed-realtime': { input: LcmInput; output: LcmOutput };
  }
}

describe('useFalRealtime types', () => {
  it('infers input and output from the endpoint map', () => {
    const live = useFalRealtime('test/typed-realtime');
    expectTypeOf(live.send).parameter(0).toEqualTypeOf<LcmInput>();
    expectTypeOf(live.data).toEqualTypeOf<LcmOutput | undefined>();
    expectTypeOf(live.status).toEqualTypeOf<RealtimeStatus>();
    expectTypeOf(live.resultCount).toBeNumber();
    expectTypeOf(live.error).toEqualTypeOf<Error | undefined>();
    expectTypeOf(live.close).toEqualTypeOf<() => void>();
    // @ts-expect-error the input type is checked
    live.send({ prompt: 1 });
  });

  it('callbacks get the output and an Error; connect options pass through', () => {
    useFalRealtime('test/typed-realtime', {
      onResult: (result) => expectTypeOf(result).toEqualTypeOf<LcmOutput>(),
      onError: (error) => expectTypeOf(error).toEqualTypeOf<Error>(),
      maxBuffering: 4,
      throttleInterval: 64,
      tokenProvider: async (app) => app,
      throttle: 50,
    });
    expectTypeOf<UseFalRealtimeOptions<LcmInput, LcmOutput>>().not.toHaveProperty('app');
    expectTypeOf<ApiError>().toExtend<Error>();
  });

  it('explicit type parameters for untyped apps', () => {
    const live = useFalRealtime<'falkit/echo', { text: string }, { text: string }>('falkit/echo');
    expectTypeOf(live.data).toEqualTypeOf<{ text: string } | undefined>();
  });
});
