import { type FalConnection, connectionQueueCode, connectionContext } from '../connection';
import { subscribe as subscribeOperation } from '../operations/subscribe';
import type { SubscribeOptions } from '../queue/queueOptions';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { Result } from '../types/result';

/** Queue a request, follow its status and resolve with its result (`client.subscribe`). */
export function subscribe<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: SubscribeOptions<InputType<Id>>,
): Promise<Result<OutputType<Id>>> {
  return subscribeOperation(connectionContext(connection), endpointId, options, connectionQueueCode);
}
