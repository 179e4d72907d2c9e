'use client';
import type { EndpointType, FalClient, InputType, OutputType } from '@falkit/core';
import { StreamObserver, type StreamObserverOptions, type StreamSnapshot } from '@falkit/core/observers';
import { useEffect } from 'react';
import { useStoreObserver } from './useStoreObserver';
import { useObserverSnapshot } from './useObserverSnapshot';

export interface UseFalStreamOptions<TInput, TEvent>
  extends Omit<StreamObserverOptions<TInput, TEvent>, 'endpointId'> {
  client?: FalClient;
}

export type UseFalStreamResult<TInput, TEvent> = StreamSnapshot<TInput, TEvent>;

/**
 * Stream a streaming endpoint: `start(input)`, `data` (latest event), `events` (last
 * `maxEvents`), `stop()` (keeps partial output, ends in `cancelled`). Unmounting stops the stream.
 */
export function useFalStream<Id extends EndpointType, TInput = InputType<Id>, TEvent = OutputType<Id>>(
  endpointId: Id,
  options: UseFalStreamOptions<TInput, TEvent> = {},
): UseFalStreamResult<TInput, TEvent> {
  const observerOptions: StreamObserverOptions<TInput, TEvent> = { ...options, endpointId };
  const observer = useStoreObserver(
    options.client,
    (store) => new StreamObserver<TInput, TEvent>(store, observerOptions),
  );
  useEffect(() => {
    observer.setOptions(observerOptions);
  });
  return useObserverSnapshot(observer);
}
