import type { PutOptions, RouteInfo, Storage } from '@falkit/emulator';
import { describe, expectTypeOf, it } from 'vitest';
import { createStorage } from '../src/storage/storage';

describe('storage: public types', () => {
  it('matches the contract the emulator codes against', () => {
    expectTypeOf(createStorage).returns.toEqualTypeOf<Storage>();
    expectTypeOf(createStorage)
      .parameter(0)
      .toEqualTypeOf<{ now?: () => number; maxUploadBytes?: number } | undefined>();
    expectTypeOf<Storage['handle']>().toEqualTypeOf<
      (request: Request, route: RouteInfo) => Promise<Response | undefined>
    >();
    expectTypeOf<Storage['put']>().toEqualTypeOf<
      (bytes: Uint8Array, contentType: string, options: PutOptions) => string
    >();
    expectTypeOf<PutOptions>().toEqualTypeOf<{
      origin: string;
      fileName?: string;
      lifecycleSeconds?: number;
    }>();
    expectTypeOf<Storage['get']>().toEqualTypeOf<
      (url: string) => { bytes: Uint8Array; contentType: string } | undefined
    >();
    expectTypeOf<RouteInfo>().toEqualTypeOf<{ host: string; path: string; search: string; origin: string }>();
  });
});
