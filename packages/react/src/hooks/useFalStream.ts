'use client';
import {
  type EndpointType,
  type FalClient,
  type InputType,
  type OutputType,
  StreamObserver,
  type StreamObserverOptions,
  type StreamSnapshot,
} from '@falkit/core';
import { useEffect, useState } from 'react';
import { useFalClient } from '../falProvider';
import { asObservedClient } from './observedClient';
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
  const contextClient = useFalClient();
  const client = options.client ?? contextClient;
  const observerOptions: StreamObserverOptions<TInput, TEvent> = { ...options, endpointId };
  const [observer] = useState(
    () => new StreamObserver<TInput, TEvent>(asObservedClient(client), observerOptions),
  );
  useEffect(() => {
    observer.setOptions(observerOptions);
  });
  return useObserverSnapshot(observer);
}
