/** Observer of a queue job (`fal.subscribe` semantics): status, queue position, logs, result. */
import type { ObservedClient } from './observedClient';
import { RequestObserver, type RequestObserverOptions, type RequestSnapshot } from './requestObserver';

export type SubscribeObserverOptions<TInput, TOutput> = RequestObserverOptions<TInput, TOutput>;
export type SubscribeSnapshot<TInput, TOutput> = RequestSnapshot<TInput, TOutput>;

export class SubscribeObserver<TInput = unknown, TOutput = unknown> extends RequestObserver<TInput, TOutput> {
  constructor(client: ObservedClient, options: SubscribeObserverOptions<TInput, TOutput>) {
    super(client, 'queue', options);
  }
}
