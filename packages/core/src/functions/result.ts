import { type FalConnection, connectionContext } from '../connection';
import { result as resultOperation } from '../queue/result';
import type { BaseQueueOptions } from '../queue/queueOptions';
import type { EndpointType, OutputType } from '../types/endpoints';
import type { Result } from '../types/result';

/** The result of a completed request; does not wait for completion (`client.queue.result`). */
export function result<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options: BaseQueueOptions,
): Promise<Result<OutputType<Id>>> {
  return resultOperation<OutputType<Id>>(connectionContext(connection), endpointId, options);
}
