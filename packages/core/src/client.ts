import type { FalClientConfig } from './config';
import type { FalContext } from './context';
import { run } from './operations/run';
import { subscribe } from './operations/subscribe';
import { cancel } from './queue/cancel';
import { type QueueClient, createQueueClient } from './queue/queueClient';
import type { QueueStatusOptions, SubmitOptions, SubscribeOptions } from './queue/queueOptions';
import { type RequestHandle, createRequestHandle } from './queue/requestHandle';
import { status } from './queue/status';
import { submit } from './queue/submit';
import { type StorageApi, createStorageApi } from './storage/storageApi';
import type { FalStream } from './stream/falStream';
import { type StreamApi, createStreamApi } from './stream/stream';
import type { StreamOptions } from './stream/streamOptions';
import { createFalContext } from './transport/createFalContext';
import type { EndpointType, InputType, OutputType } from './types/endpoints';
import type { RunOptions } from './types/options';
import type { QueueStatus } from './types/queueStatus';
import type { Result } from './types/result';

export interface FalClient {
  /** The queue API: submit, status, streamStatus, subscribeToStatus, result, cancel. */
  readonly queue: QueueClient;
  /** Uploads (`storage.upload`) and input transformation. */
  readonly storage: StorageApi;
  /** `streaming.stream`, same as `stream`. */
  readonly streaming: StreamApi;
  /** Run an endpoint directly (`https://fal.run`) and resolve with `{ data, requestId }`. */
  run<Id extends EndpointType>(
    endpointId: Id,
    options?: RunOptions<InputType<Id>>,
  ): Promise<Result<OutputType<Id>>>;
  /** Queue a request, follow its status and resolve with its result. */
  subscribe<Id extends EndpointType>(
    endpointId: Id,
    options?: SubscribeOptions<InputType<Id>>,
  ): Promise<Result<OutputType<Id>>>;
  /** Call a streaming endpoint; iterate the returned `FalStream` or await `done()`. */
  stream<Id extends EndpointType>(
    endpointId: Id,
    options?: StreamOptions<InputType<Id>>,
  ): Promise<FalStream<InputType<Id>, OutputType<Id>>>;
  /** Queue a request and get a handle to follow, cancel or await it. */
  submit<Id extends EndpointType>(
    endpointId: Id,
    options?: SubmitOptions<InputType<Id>>,
  ): Promise<RequestHandle<OutputType<Id>>>;
  /** Re-attach to a request submitted elsewhere. */
  handle<Id extends EndpointType>(endpointId: Id, requestId: string): RequestHandle<OutputType<Id>>;
  /** Status of a queued request. */
  status(
    endpointId: string,
    requestId: string,
    options?: Omit<QueueStatusOptions, 'requestId'>,
  ): Promise<QueueStatus>;
  /** Wait for a queued request to complete and resolve with its result. */
  result<Id extends EndpointType>(
    endpointId: Id,
    requestId: string,
    options?: Parameters<RequestHandle['result']>[0],
  ): Promise<Result<OutputType<Id>>>;
  /** Cancel a queued request. */
  cancel(endpointId: string, requestId: string, options?: { abortSignal?: AbortSignal }): Promise<void>;
}

const contexts = new WeakMap<object, FalContext>();

/** Internal: the transport context behind a client (used by observers and `@falkit/core/node`). */
export function contextOf(client: FalClient): FalContext {
  const ctx = contexts.get(client);
  if (!ctx) throw new TypeError('not a client created by createFalClient');
  return ctx;
}

/** Create a client. Validates the config; nothing is sent until you call a method. */
export function createFalClient(config: FalClientConfig = {}): FalClient {
  const ctx = createFalContext(config);
  const streaming = createStreamApi(ctx);
  const client: FalClient = {
    queue: createQueueClient(ctx),
    storage: createStorageApi(ctx),
    streaming,
    stream: streaming.stream,
    run: (endpointId, options) => run(ctx, endpointId, options),
    subscribe: (endpointId, options) => subscribe(ctx, endpointId, options),
    async submit(endpointId, options) {
      const queued = await submit(ctx, endpointId, options);
      return createRequestHandle(ctx, endpointId, queued.request_id);
    },
    handle: (endpointId, requestId) => createRequestHandle(ctx, endpointId, requestId),
    status: (endpointId, requestId, options = {}) => status(ctx, endpointId, { ...options, requestId }),
    result: (endpointId, requestId, options) =>
      createRequestHandle(ctx, endpointId, requestId).result(options),
    cancel: (endpointId, requestId, options = {}) => cancel(ctx, endpointId, { ...options, requestId }),
  };
  contexts.set(client, ctx);
  return client;
}
