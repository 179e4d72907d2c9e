'use client';
/**
 * `<FalProvider>` puts a fal client in context for the hooks below it. Without a provider the hooks
 * use the default client (configured with `fal.config(...)`).
 */
import { createFalClient, type FalClient, type FalClientConfig } from '@falkit/core';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { defaultFalClient } from './defaultFalClient';

const FalClientContext = createContext<FalClient | undefined>(undefined);

export type FalProviderProps =
  | { client: FalClient; config?: never; children?: ReactNode }
  | { client?: never; config?: FalClientConfig; children?: ReactNode };

export function FalProvider({ client, config, children }: FalProviderProps) {
  // A config builds one client for the provider's lifetime (later config changes are ignored,
  // like a QueryClient created in useState).
  const [ownClient] = useState(() => (client ? undefined : createFalClient(config)));
  return <FalClientContext.Provider value={client ?? ownClient}>{children}</FalClientContext.Provider>;
}

/** The client from the nearest `<FalProvider>`, else the default client. */
export function useFalClient(): FalClient {
  return useContext(FalClientContext) ?? defaultFalClient();
}
