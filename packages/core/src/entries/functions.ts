/**
 * `@falkit/core/functions`: the client's calls as standalone functions taking a connection first, so
 * an app bundler keeps only the calls a page makes (`createFalClient` returns one object whose methods
 * reach every operation). Each function is the client's operation itself: same options, endpoint
 * typing, validation, retries and errors.
 */
import {
  type FalConnection,
  connectionContext,
  connectionQueueCode,
  connectionStorageCode,
  connectionStreamCode,
} from '../connection';
import { run as runOperation } from '../operations/run';
import { subscribe as subscribeOperation } from '../operations/subscribe';
import { cancel as cancelOperation } from '../queue/cancel';
import type {
  BaseQueueOptions,
  QueueStatusOptions,
  QueueStatusSubscriptionOptions,
  SubmitOptions,
  SubscribeOptions,
} from '../queue/queueOptions';
import { submit as submitOperation } from '../queue/submit';
import { type UploadOptions, upload as uploadOperation } from '../storage/upload';
import type { FalStream } from '../stream/falStream';
import { stream as streamOperation } from '../stream/stream';
import type { StreamOptions } from '../stream/streamOptions';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { RunOptions } from '../types/options';
import type { CompletedQueueStatus, InQueueQueueStatus, QueueStatus } from '../types/queueStatus';
import type { Result } from '../types/result';

export { createFalConnection, type FalConnection } from '../connection';

/** Run an endpoint directly (`https://fal.run`) and resolve with `{ data, requestId }` (`client.run`). */
export function run<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: RunOptions<InputType<Id>>,
): Promise<Result<OutputType<Id>>> {
  return runOperation(connectionContext(connection), endpointId, options);
}

/** Queue a request, follow its status and resolve with its result (`client.subscribe`). */
export function subscribe<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: SubscribeOptions<InputType<Id>>,
): Promise<Result<OutputType<Id>>> {
  return subscribeOperation(connectionContext(connection), endpointId, options, connectionQueueCode);
}

/** Call a streaming endpoint; iterate the returned `FalStream` or await `done()` (`client.stream`). */
export function stream<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: StreamOptions<InputType<Id>>,
): Promise<FalStream<InputType<Id>, OutputType<Id>>> {
  return streamOperation(connectionContext(connection), endpointId, options, connectionStreamCode);
}

/** Upload a `Blob` / `File` to fal storage and resolve with its URL (`client.storage.upload`). */
export function upload(connection: FalConnection, file: Blob, options?: UploadOptions): Promise<string> {
  return uploadOperation(connectionContext(connection), file, options, connectionStorageCode);
}

/** Queue a request; resolves with its `IN_QUEUE` status holding `request_id` (`client.queue.submit`). */
export function submit<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: SubmitOptions<InputType<Id>>,
): Promise<InQueueQueueStatus> {
  return submitOperation(connectionContext(connection), endpointId, options);
}

/** The status of a queued request (`client.queue.status`). */
export async function status(
  connection: FalConnection,
  endpointId: string,
  options: QueueStatusOptions,
): Promise<QueueStatus> {
  const ctx = connectionContext(connection);
  return (await connectionQueueCode()).status(ctx, endpointId, options);
}

/** Wait for a queued request to complete, following its status (`client.queue.subscribeToStatus`). */
export async function subscribeToStatus(
  connection: FalConnection,
  endpointId: string,
  options: QueueStatusSubscriptionOptions,
): Promise<CompletedQueueStatus> {
  const ctx = connectionContext(connection);
  return (await connectionQueueCode()).subscribeToStatus(ctx, endpointId, options);
}

/** The result of a completed request; does not wait for completion (`client.queue.result`). */
export async function result<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options: BaseQueueOptions,
): Promise<Result<OutputType<Id>>> {
  const ctx = connectionContext(connection);
  return (await connectionQueueCode()).result<OutputType<Id>>(ctx, endpointId, options);
}

/** Cancel a queued request (`client.queue.cancel`); sent from code already loaded. */
export function cancel(connection: FalConnection, endpointId: string, options: BaseQueueOptions): Promise<void> {
  return cancelOperation(connectionContext(connection), endpointId, options);
}
