import { type FalConnection, connectionContext } from '../connection';
import { subscribe as subscribeOperation } from '../operations/subscribe';
import type { SubscribeOptions } from '../queue/queueOptions';
import { result } from '../queue/result';
import { waitForCompletion } from '../queue/subscribeToStatus';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { Result } from '../types/result';

// The code that follows the submit is part of this module: nothing loads after the call.
const following = async () => ({ waitForCompletion, result });

/** Queue a request, follow its status and resolve with its result (`client.subscribe`). */
export function subscribe<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: SubscribeOptions<InputType<Id>>,
): Promise<Result<OutputType<Id>>> {
  return subscribeOperation(connectionContext(connection), endpointId, options, following);
}
