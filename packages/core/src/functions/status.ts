import { type FalConnection, connectionContext } from '../connection';
import { status as statusOperation } from '../queue/status';
import type { QueueStatusOptions } from '../queue/queueOptions';
import type { QueueStatus } from '../types/queueStatus';

/** The status of a queued request (`client.queue.status`). */
export function status(
  connection: FalConnection,
  endpointId: string,
  options: QueueStatusOptions,
): Promise<QueueStatus> {
  return statusOperation(connectionContext(connection), endpointId, options);
}
