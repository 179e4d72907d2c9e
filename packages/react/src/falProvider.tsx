'use client';
/**
 * `<FalProvider>` puts a `FalStore` in context for the hooks, components and `@falkit/react/query`
 * below it — TanStack's `QueryClientProvider`. Give it a `store`; or a `client` (its default store,
 * `FalStore.for(client)`); or a `config` and/or policies (`gcTime`, `maxLogs`), and it builds one
 * store for its lifetime. Without a provider everything uses the default store of
 * the default client (core's `fal`, set up with `fal.config(...)`).
 */
import type { FalClient, FalClientConfig } from '@falkit/core';
import { FalStore, type FalStoreOptions } from '@falkit/core/observers';
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
  // A bare `client` uses the client's default store (`FalStore.for(client)`): the one a hook's
  // `client` option and `@falkit/react/query`'s `client` option use too.
  const shared =
    store ?? (client && gcTime === undefined && maxLogs === undefined ? FalStore.for(client) : undefined);
  const own = useOwnStore(shared ? undefined : { client, config, gcTime, maxLogs });
  return <FalStoreContext.Provider value={shared ?? own}>{children}</FalStoreContext.Provider>;
}

/**
 * A store built once per client for the provider's lifetime: later `config`, `gcTime` or `maxLogs`
 * changes are ignored, like a QueryClient created in useState; a new `client` gets a new store.
 */
function useOwnStore(options: FalStoreOptions<FalClient> | undefined): FalStore | undefined {
  const build = () => (options ? { client: options.client, store: new FalStore(options) } : undefined);
  const [own, setOwn] = useState(build);
  if (!options) return undefined;
  if (own && own.client === options.client) return own.store;
  const next = build();
  setOwn(next);
  return next?.store;
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
