/** Observer of a queue job (`fal.subscribe` semantics): status, queue position, logs, result. */
import type { FalStore } from '../store/falStore';
import type { ObservedClient } from './observedClient';
import { RequestObserver, type RequestObserverOptions, type RequestSnapshot } from './requestObserver';

export type SubscribeObserverOptions<TInput, TOutput> = RequestObserverOptions<TInput, TOutput>;
export type SubscribeSnapshot<TInput, TOutput> = RequestSnapshot<TInput, TOutput>;

export class SubscribeObserver<TInput = unknown, TOutput = unknown> extends RequestObserver<TInput, TOutput> {
  /** `storeOrClient`: a `FalStore`, or a client (its default store, `FalStore.for(client)`). */
  constructor(
    storeOrClient: FalStore<ObservedClient> | ObservedClient,
    options: SubscribeObserverOptions<TInput, TOutput>,
  ) {
    super(storeOrClient, 'queue', options);
  }
}
