import type { FalClient, ObservedClient } from '@falkit/core';

/** A `FalClient` seen through the narrow interface the observers use (checked structurally). */
export function asObservedClient(client: FalClient): ObservedClient {
  return client;
}
