import type { FalClientConfig } from '../config';
import type { FalContext } from '../context';
import type { transformInput } from '../storage/transformInput';
import { createFalContext } from './createFalContext';
import type { fetchWithClientToken } from './fetchWithClientToken';

/**
 * The transport's rarely needed code, loaded on first use by whoever builds the context: the storage
 * code that uploads files found in an input, and client connection mode's token request.
 */
export interface LazyTransportCode {
  storage: () => Promise<{ transformInput: typeof transformInput }>;
  clientToken: () => Promise<{ fetchWithClientToken: typeof fetchWithClientToken }>;
}

/**
 * The `FalContext` for a config, with its rarely needed parts wired to lazily loaded modules: one place
 * for `createFalClient` and `createFalConnection`, each passing its own modules (a bundler then keeps
 * a connection's pages clear of the client's lazy modules, and the reverse).
 */
export function createLazyContext(config: FalClientConfig, code: LazyTransportCode): FalContext {
  const ctx: FalContext = {
    ...createFalContext(config),
    uploadFiles: async (input, signal) => (await code.storage()).transformInput(ctx, input, { signal }),
    fetchWithClientToken: async (endpointId, url, request) =>
      (await code.clientToken()).fetchWithClientToken(ctx, endpointId, url, request),
  };
  return ctx;
}
