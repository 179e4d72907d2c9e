import type { EmulatorOptions, ListenOptions, UrlForm } from '@falkit/emulator';
import { describe, expectTypeOf, it } from 'vitest';

describe('URL form types', () => {
  it('is a closed union accepted by createEmulator and listen', () => {
    expectTypeOf<UrlForm>().toEqualTypeOf<'emulator' | 'real'>();
    expectTypeOf<EmulatorOptions['urls']>().toEqualTypeOf<UrlForm | undefined>();
    expectTypeOf<ListenOptions['urls']>().toEqualTypeOf<UrlForm | undefined>();
  });
});
