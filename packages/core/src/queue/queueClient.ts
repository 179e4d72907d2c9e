import type { FalContext } from '../context';
import type { FalStream } from '../stream/falStream';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { CompletedQueueStatus, InQueueQueueStatus, QueueStatus } from '../types/queueStatus';
import type { Result } from '../types/result';
import { cancel } from './cancel';
import type {
  BaseQueueOptions,
  QueueStatusOptions,
  QueueStatusStreamOptions,
  QueueStatusSubscriptionOptions,
  SubmitOptions,
} from './queueOptions';
import { result } from './result';
import { status } from './status';
import { streamStatus } from './streamStatus';
import { submit } from './submit';
import { subscribeToStatus } from './subscribeToStatus';

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

export function createQueueClient(ctx: FalContext): QueueClient {
  return {
    submit: (endpointId, options) => submit(ctx, endpointId, options),
    status: (endpointId, options) => status(ctx, endpointId, options),
    streamStatus: (endpointId, options) => streamStatus(ctx, endpointId, options),
    subscribeToStatus: (endpointId, options) => subscribeToStatus(ctx, endpointId, options),
    result: (endpointId, options) => result(ctx, endpointId, options),
    cancel: (endpointId, options) => cancel(ctx, endpointId, options),
  };
}
