import type { FalClient, ObservedClient } from '@falkit/core';

/** A `FalClient` seen through the narrow interface the observers use. */
export function asObservedClient(client: FalClient): ObservedClient {
  return client as unknown as ObservedClient;
}
