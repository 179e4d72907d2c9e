import { type FalConnection, connectionContext } from '../connection';
import { subscribeToStatus as subscribeToStatusOperation } from '../queue/subscribeToStatus';
import type { QueueStatusSubscriptionOptions } from '../queue/queueOptions';
import type { CompletedQueueStatus } from '../types/queueStatus';

/** Wait for a queued request to complete, following its status (`client.queue.subscribeToStatus`). */
export function subscribeToStatus(
  connection: FalConnection,
  endpointId: string,
  options: QueueStatusSubscriptionOptions,
): Promise<CompletedQueueStatus> {
  return subscribeToStatusOperation(connectionContext(connection), endpointId, options);
}
