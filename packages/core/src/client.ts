import type { FalClientConfig } from './config';
import type { FalContext } from './context';
import { run } from './operations/run';
import { createFalContext } from './transport/createFalContext';
import type { EndpointType, InputType, OutputType } from './types/endpoints';
import type { RunOptions } from './types/options';
import type { Result } from './types/result';

export interface FalClient {
  /** Run an endpoint synchronously (`fal.run`) and resolve with `{ data, requestId }`. */
  run<Id extends EndpointType>(
    endpointId: Id,
    options?: RunOptions<InputType<Id>>,
  ): Promise<Result<OutputType<Id>>>;
}

/** Internal: the context behind a client, for observers and sibling modules. */
export const contextOf = new WeakMap<object, FalContext>();

/** Create a client. Nothing is sent until you call a method. */
export function createFalClient(config: FalClientConfig = {}): FalClient {
  const ctx = createFalContext(config);
  const client: FalClient = {
    run: (endpointId, options) => run(ctx, endpointId, options),
  };
  contextOf.set(client, ctx);
  return client;
}
