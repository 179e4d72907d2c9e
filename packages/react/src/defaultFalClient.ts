import { type FalClient, fal } from '@falkit/core';

/** The client hooks use without a provider: core's shared `fal` instance (set up with `fal.config`). */
export function defaultFalClient(): FalClient {
  return fal;
}
