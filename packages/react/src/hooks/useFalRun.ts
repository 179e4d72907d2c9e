'use client';
import type { EndpointType, FalClient, InputType, OutputType } from '@falkit/core';
import { RunObserver, type RunObserverOptions, type RunSnapshot } from '@falkit/core/observers';
import { useEffect } from 'react';
import { useStoreObserver } from './useStoreObserver';
import { useObserverSnapshot } from './useObserverSnapshot';

export interface UseFalRunOptions<TInput, TOutput>
  extends Omit<RunObserverOptions<TInput, TOutput>, 'endpointId' | 'input'> {
  /** Use this client (its default store) instead of the provider's store / the default one. */
  client?: FalClient;
}

export type UseFalRunResult<TInput, TOutput> = RunSnapshot<TInput, TOutput>;

/**
 * Call an endpoint directly (no queue). Same query / mutation duality as `useFalSubscribe`;
 * unmounting (or `cancel()`) drops the connection, which cancels the request.
 */
export function useFalRun<Id extends EndpointType, TInput = InputType<Id>, TOutput = OutputType<Id>>(
  endpointId: Id,
  input?: NoInfer<TInput> | null,
  options: UseFalRunOptions<TInput, TOutput> = {},
): UseFalRunResult<TInput, TOutput> {
  const observerOptions: RunObserverOptions<TInput, TOutput> = {
    ...options,
    endpointId,
    input: input ?? undefined,
  };
  const observer = useStoreObserver(
    options.client,
    (store) => new RunObserver<TInput, TOutput>(store, observerOptions),
  );
  useEffect(() => {
    observer.setOptions(observerOptions);
  });
  // Until the effect applies new options, show what they will lead to, not the previous request.
  return useObserverSnapshot(observer, observer.getOptimisticSnapshot(observerOptions));
}
