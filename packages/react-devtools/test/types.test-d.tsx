import type { FalClient } from '@falkit/core';
import type { FalStore } from '@falkit/core/observers';
import { describe, expectTypeOf, it } from 'vitest';
import { type DevtoolsButtonPosition, FalDevtools, type FalDevtoolsProps } from '../src/index';
import * as production from '../src/entries/production';

describe('public types', () => {
  it('takes any FalStore, a corner, an emulator origin and initialIsOpen', () => {
    expectTypeOf<FalStore>().toExtend<NonNullable<FalDevtoolsProps['store']>>();
    expectTypeOf<FalStore<FalClient>>().toExtend<NonNullable<FalDevtoolsProps['store']>>();
    expectTypeOf<FalDevtoolsProps['emulatorUrl']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<FalDevtoolsProps['initialIsOpen']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<DevtoolsButtonPosition>().toEqualTypeOf<
      'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'
    >();
    // @ts-expect-error: not a store
    const wrong: FalDevtoolsProps = { store: {} };
    void wrong;
  });

  it('exports the same component type from both entries', () => {
    expectTypeOf(production.FalDevtools).parameter(0).toEqualTypeOf<FalDevtoolsProps>();
    expectTypeOf(FalDevtools).parameter(0).toEqualTypeOf<FalDevtoolsProps>();
  });
});
