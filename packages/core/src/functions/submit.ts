import { type FalConnection, connectionContext } from '../connection';
import type { SubmitOptions } from '../queue/queueOptions';
import { submit as submitOperation } from '../queue/submit';
import type { EndpointType, InputType } from '../types/endpoints';
import type { InQueueQueueStatus } from '../types/queueStatus';

/** Queue a request; resolves with its `IN_QUEUE` status holding `request_id` (`client.queue.submit`). */
export function submit<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: SubmitOptions<InputType<Id>>,
): Promise<InQueueQueueStatus> {
  return submitOperation(connectionContext(connection), endpointId, options);
}
