import { createFalClient, type FalClient } from '@falkit/core';

let client: FalClient | undefined;

/** The client hooks use without a provider; created on first use, never on import. */
export function defaultFalClient(): FalClient {
  client ??= createFalClient();
  return client;
}
