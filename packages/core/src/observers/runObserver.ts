/**
 * Observer of a direct call (`fal.run` semantics): no queue, no logs; status goes
 * `idle → in_progress → success | error | cancelled`. Cancelling drops the connection, which
 * cancels the request on fal's side.
 */
import type { FalStore } from '../store/falStore';
import type { ObservedClient } from './observedClient';
import { RequestObserver, type RequestObserverOptions, type RequestSnapshot } from './requestObserver';

export type RunObserverOptions<TInput, TOutput> = Omit<
  RequestObserverOptions<TInput, TOutput>,
  | 'logs'
  | 'priority'
  | 'hint'
  | 'webhookUrl'
  | 'mode'
  | 'requestId'
  | 'persist'
  | 'onEnqueue'
  | 'onQueueUpdate'
  | 'onLog'
  | 'maxLogs'
>;
export type RunSnapshot<TInput, TOutput> = RequestSnapshot<TInput, TOutput>;

export class RunObserver<TInput = unknown, TOutput = unknown> extends RequestObserver<TInput, TOutput> {
  /** `storeOrClient`: a `FalStore`, or a client (its default store, `FalStore.for(client)`). */
  constructor(
    storeOrClient: FalStore<ObservedClient> | ObservedClient,
    options: RunObserverOptions<TInput, TOutput>,
  ) {
    super(storeOrClient, 'run', options);
  }

  override setOptions(options: RunObserverOptions<TInput, TOutput>): void {
    super.setOptions(options);
  }
}
