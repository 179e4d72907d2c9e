import { type FalConnection, connectionContext } from '../connection';
import { cancel as cancelOperation } from '../queue/cancel';
import type { BaseQueueOptions } from '../queue/queueOptions';

/** Cancel a queued request (`client.queue.cancel`); sent from code already loaded. */
export function cancel(
  connection: FalConnection,
  endpointId: string,
  options: BaseQueueOptions,
): Promise<void> {
  return cancelOperation(connectionContext(connection), endpointId, options);
}
