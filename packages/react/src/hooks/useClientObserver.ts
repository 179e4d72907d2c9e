'use client';
import type { FalClient } from '@falkit/core';
import { useState } from 'react';
import { useFalClient } from '../falProvider';

/**
 * The observer a hook adapts: created once per client, like TanStack's
 * `useState(() => new Observer(client, options))`. Requests are shared per client, so when the
 * client changes (the `client` option or the provider's) the hook gets a new observer; React then
 * unsubscribes the old one, which releases its request exactly like an unmount would.
 */
export function useClientObserver<TObserver>(
  clientOption: FalClient | undefined,
  create: (client: FalClient) => TObserver,
): TObserver {
  const contextClient = useFalClient();
  const client = clientOption ?? contextClient;
  const [current, setCurrent] = useState(() => ({ client, observer: create(client) }));
  if (current.client === client) return current.observer;
  // Observers do nothing until subscribed, so creating one during render is safe; React re-renders
  // at once with the stored one (the "state from previous render" pattern).
  const next = { client, observer: create(client) };
  setCurrent(next);
  return next.observer;
}
