'use client';
import type { FalClient } from '@falkit/core';
import type { FalStore } from '@falkit/core/observers';
import { useState } from 'react';
import { useHookStore } from '../falProvider';

/**
 * The observer a hook adapts: created once per store, like TanStack's
 * `useState(() => new Observer(client, options))`. When the store changes (the `client` option or
 * the provider's) the hook gets a new observer; React then unsubscribes the old one, which
 * releases its request exactly like an unmount would.
 */
export function useStoreObserver<TObserver>(
  clientOption: FalClient | undefined,
  create: (store: FalStore) => TObserver,
): TObserver {
  const store = useHookStore(clientOption);
  const [current, setCurrent] = useState(() => ({ store, observer: create(store) }));
  if (current.store === store) return current.observer;
  // Observers do nothing until subscribed, so creating one during render is safe; React re-renders
  // at once with the stored one (the "state from previous render" pattern).
  const next = { store, observer: create(store) };
  setCurrent(next);
  return next.observer;
}
