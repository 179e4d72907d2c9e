import { type FalConnection, connectionQueueCode, connectionContext } from '../connection';
import type { QueueStatusOptions } from '../queue/queueOptions';
import type { QueueStatus } from '../types/queueStatus';

/** The status of a queued request (`client.queue.status`). */
export async function status(
  connection: FalConnection,
  endpointId: string,
  options: QueueStatusOptions,
): Promise<QueueStatus> {
  const ctx = connectionContext(connection);
  return (await connectionQueueCode()).status(ctx, endpointId, options);
}
