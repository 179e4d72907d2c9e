import type { FalStream } from '../stream/falStream';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { CompletedQueueStatus, InQueueQueueStatus, QueueStatus } from '../types/queueStatus';
import type { Result } from '../types/result';
import type {
  BaseQueueOptions,
  QueueStatusOptions,
  QueueStatusStreamOptions,
  QueueStatusSubscriptionOptions,
  SubmitOptions,
} from './queueOptions';

/** `client.queue`: the official client's `QueueClient`. */
export interface QueueClient {
  submit<Id extends EndpointType>(
    endpointId: Id,
    options: SubmitOptions<InputType<Id>>,
  ): Promise<InQueueQueueStatus>;
  status(endpointId: string, options: QueueStatusOptions): Promise<QueueStatus>;
  streamStatus(
    endpointId: string,
    options: QueueStatusStreamOptions,
  ): Promise<FalStream<unknown, QueueStatus>>;
  subscribeToStatus(
    endpointId: string,
    options: QueueStatusSubscriptionOptions,
  ): Promise<CompletedQueueStatus>;
  result<Id extends EndpointType>(endpointId: Id, options: BaseQueueOptions): Promise<Result<OutputType<Id>>>;
  cancel(endpointId: string, options: BaseQueueOptions): Promise<void>;
}
