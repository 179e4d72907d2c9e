'use client';
/**
 * `<FalProvider>` puts a `FalStore` in context for the hooks, components and `@falkit/react/query`
 * below it — TanStack's `QueryClientProvider`. Give it a `store`, or let it build one (once, for its
 * lifetime) from a `client` or a `config`. Without a provider everything uses the default store of
 * the default client (core's `fal`, set up with `fal.config(...)`).
 */
import type { FalClient, FalClientConfig } from '@falkit/core';
import { FalStore } from '@falkit/core/observers';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { defaultFalClient } from './defaultFalClient';

const FalStoreContext = createContext<FalStore | undefined>(undefined);

/** Policies of the store a provider builds (ignored with `store`: set them on the store). */
export interface FalProviderPolicies {
  /** How long (ms) a finished request is kept once unobserved. Default 5 minutes; `0`: at once. */
  gcTime?: number;
  /** Log lines a request keeps by default (1,000). */
  maxLogs?: number;
}

export type FalProviderProps =
  | { store: FalStore; client?: never; config?: never; gcTime?: never; maxLogs?: never; children?: ReactNode }
  | ({ client: FalClient; store?: never; config?: never; children?: ReactNode } & FalProviderPolicies)
  | ({ config?: FalClientConfig; store?: never; client?: never; children?: ReactNode } & FalProviderPolicies);

export function FalProvider(props: FalProviderProps) {
  const { store, client, config, gcTime, maxLogs, children } = props;
  // Built once per client (a new `client` prop gets a new store; later `config`, `gcTime` or
  // `maxLogs` changes are ignored, like a QueryClient created in useState).
  const build = () =>
    store ? undefined : { client, store: new FalStore({ client, config, gcTime, maxLogs }) };
  const [own, setOwn] = useState(build);
  let current = own;
  if (!store && own?.client !== client) {
    current = build();
    setOwn(current);
  }
  return <FalStoreContext.Provider value={store ?? current?.store}>{children}</FalStoreContext.Provider>;
}

/** The store of the nearest `<FalProvider>`, else the default client's default store. */
export function useFalStore(): FalStore {
  return useContext(FalStoreContext) ?? FalStore.for(defaultFalClient());
}

/** The client of the nearest `<FalProvider>`'s store, else the default client. */
export function useFalClient(): FalClient {
  return useFalStore().client;
}

/** The store a hook uses: the provider's, or the default store of its `client` option. */
export function useHookStore(clientOption: FalClient | undefined): FalStore {
  const store = useFalStore();
  if (clientOption === undefined || clientOption === store.client) return store;
  return FalStore.for(clientOption);
}
