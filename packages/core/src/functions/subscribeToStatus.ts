import { type FalConnection, connectionQueueCode, connectionContext } from '../connection';
import type { QueueStatusSubscriptionOptions } from '../queue/queueOptions';
import type { CompletedQueueStatus } from '../types/queueStatus';

/** Wait for a queued request to complete, following its status (`client.queue.subscribeToStatus`). */
export async function subscribeToStatus(
  connection: FalConnection,
  endpointId: string,
  options: QueueStatusSubscriptionOptions,
): Promise<CompletedQueueStatus> {
  const ctx = connectionContext(connection);
  return (await connectionQueueCode()).subscribeToStatus(ctx, endpointId, options);
}
