'use client';
import type { EndpointType, FalClient, InputType, OutputType } from '@falkit/core';
import {
  SubscribeObserver,
  type SubscribeObserverOptions,
  type SubscribeSnapshot,
} from '@falkit/core/observers';
import { useEffect } from 'react';
import { useStoreObserver } from './useStoreObserver';
import { useObserverSnapshot } from './useObserverSnapshot';

export interface UseFalSubscribeOptions<TInput, TOutput>
  extends Omit<SubscribeObserverOptions<TInput, TOutput>, 'endpointId' | 'input'> {
  /** Use this client (its default store) instead of the provider's store / the default one. */
  client?: FalClient;
}

export type UseFalSubscribeResult<TInput, TOutput> = SubscribeSnapshot<TInput, TOutput>;

/**
 * Follow a queue job. With `input` it runs like a query (starts on mount, restarts when endpoint
 * or input change, shares one job between components asking for the same thing, cancels it when
 * the last one unmounts). Without `input` it waits for `submit(input)`.
 */
export function useFalSubscribe<Id extends EndpointType, TInput = InputType<Id>, TOutput = OutputType<Id>>(
  endpointId: Id,
  input?: NoInfer<TInput> | null,
  options: UseFalSubscribeOptions<TInput, TOutput> = {},
): UseFalSubscribeResult<TInput, TOutput> {
  const observerOptions: SubscribeObserverOptions<TInput, TOutput> = {
    ...options,
    endpointId,
    input: input ?? undefined,
  };
  const observer = useStoreObserver(
    options.client,
    (store) => new SubscribeObserver<TInput, TOutput>(store, observerOptions),
  );
  useEffect(() => {
    observer.setOptions(observerOptions);
  });
  // Until the effect applies new options, show what they will lead to, not the previous request.
  return useObserverSnapshot(observer, observer.getOptimisticSnapshot(observerOptions));
}
