'use client';
import type { EndpointType, FalClient, InputType, OutputType } from '@falkit/core';
import {
  RealtimeObserver,
  type RealtimeObserverOptions,
  type RealtimeSnapshot,
} from '@falkit/core/observers';
import { useEffect } from 'react';
import { useStoreObserver } from './useStoreObserver';
import { useObserverSnapshot } from './useObserverSnapshot';

export interface UseFalRealtimeOptions<TInput, TOutput>
  extends Omit<RealtimeObserverOptions<TInput, TOutput>, 'app'> {
  client?: FalClient;
}

export type UseFalRealtimeResult<TInput, TOutput> = RealtimeSnapshot<TInput, TOutput>;

/**
 * Talk to a realtime (WebSocket) app: `send(input)` connects on first use, `data` is the latest
 * result, `status` follows the socket. Unmounting closes it; StrictMode's remount keeps the same one.
 */
export function useFalRealtime<Id extends EndpointType, TInput = InputType<Id>, TOutput = OutputType<Id>>(
  app: Id,
  options: UseFalRealtimeOptions<TInput, TOutput> = {},
): UseFalRealtimeResult<TInput, TOutput> {
  const { client: clientOption, ...rest } = options;
  const observerOptions: RealtimeObserverOptions<TInput, TOutput> = { ...rest, app };
  // A new client gets a new observer; React then unsubscribes the old one, which closes its socket.
  const observer = useStoreObserver(
    clientOption,
    (store) => new RealtimeObserver<TInput, TOutput>(store, observerOptions),
  );
  useEffect(() => {
    observer.setOptions(observerOptions);
  });
  return useObserverSnapshot(observer);
}
