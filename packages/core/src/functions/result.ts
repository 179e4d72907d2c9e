import { type FalConnection, connectionQueueCode, connectionContext } from '../connection';
import type { BaseQueueOptions } from '../queue/queueOptions';
import type { EndpointType, OutputType } from '../types/endpoints';
import type { Result } from '../types/result';

/** The result of a completed request; does not wait for completion (`client.queue.result`). */
export async function result<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options: BaseQueueOptions,
): Promise<Result<OutputType<Id>>> {
  const ctx = connectionContext(connection);
  return (await connectionQueueCode()).result<OutputType<Id>>(ctx, endpointId, options);
}
