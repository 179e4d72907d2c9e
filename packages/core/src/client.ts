import type { FalClientConfig } from './config';
import type { FalContext } from './context';
import { queueRequestUrl } from './endpoint/endpointUrls';
import { run } from './operations/run';
import { subscribe } from './operations/subscribe';
import { cancel } from './queue/cancel';
import type { QueueClient } from './queue/queueClient';
import type { QueueStatusOptions, SubmitOptions, SubscribeOptions } from './queue/queueOptions';
import { createLazyRealtimeClient } from './realtime/lazyRealtimeClient';
import type { RealtimeClient } from './realtime/realtimeTypes';
import type { RequestHandle } from './queue/requestHandle';
import { submit } from './queue/submit';
import type { StorageApi } from './storage/storageApi';
import { upload } from './storage/upload';
import type { FalStream } from './stream/falStream';
import { type StreamApi, stream } from './stream/stream';
import type { StreamOptions } from './stream/streamOptions';
import { createLazyContext } from './transport/lazyContext';
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
  /**
   * Realtime (WebSocket) apps: `realtime.connect(app, { onResult, ... })`. Its code (and msgpack)
   * loads on the first `send`; `@falkit/core/realtime` offers the same eagerly.
   */
  readonly realtime: RealtimeClient;
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

// The code behind everything but `run` and the first request of a queue call loads on first use,
// one module per feature (see lazy/). Each is a function so bundlers split at these imports.
const queueCode = () => import('./lazy/queue');
const streamCode = () => import('./lazy/stream');
const storageCode = () => import('./lazy/storage');
const realtimeCode = () => import('./lazy/realtime');
const clientTokenCode = () => import('./lazy/clientToken');

/** Internal: the transport context behind a client (used by observers and `@falkit/core/node`). */
export function contextOf(client: FalClient): FalContext {
  const ctx = contexts.get(client);
  if (!ctx) throw new TypeError('not a client created by createFalClient');
  return ctx;
}

/**
 * Create a client. Validates the config; nothing is sent until you call a method. Everything except
 * `run` is loaded on first use (dynamic import), so an app that only calls `run` bundles only `run`.
 */
export function createFalClient(config: FalClientConfig = {}): FalClient {
  const ctx = createLazyContext(config, { storage: storageCode, clientToken: clientTokenCode });
  const streaming: StreamApi = {
    stream: (endpointId, options) => stream(ctx, endpointId, options, streamCode),
  };
  const storage: StorageApi = {
    upload: (file, options) => upload(ctx, file, options, storageCode),
    transformInput: async (input, options) => (await storageCode()).transformInput(ctx, input, options),
    uploadImage: async (image, format, options) =>
      (await storageCode()).uploadImage(ctx, image, format, options),
  };
  // submit and cancel are sent from code already loaded: a queue call's first request never waits
  // for a chunk.
  const queue: QueueClient = {
    submit: (endpointId, options) => submit(ctx, endpointId, options),
    status: async (endpointId, options) => (await queueCode()).status(ctx, endpointId, options),
    streamStatus: async (endpointId, options) => (await streamCode()).streamStatus(ctx, endpointId, options),
    subscribeToStatus: async (endpointId, options) =>
      (await queueCode()).subscribeToStatus(ctx, endpointId, options),
    result: async (endpointId, options) => (await queueCode()).result(ctx, endpointId, options),
    cancel: (endpointId, options) => cancel(ctx, endpointId, options),
  };
  const handle = <Output>(endpointId: string, requestId: string): RequestHandle<Output> =>
    lazyRequestHandle<Output>(ctx, endpointId, requestId);
  const client: FalClient = {
    queue,
    storage,
    streaming,
    realtime: createLazyRealtimeClient(() => ctx, realtimeCode),
    stream: streaming.stream,
    run: (endpointId, options) => run(ctx, endpointId, options),
    subscribe: (endpointId, options) => subscribe(ctx, endpointId, options, queueCode),
    async submit(endpointId, options) {
      const queued = await submit(ctx, endpointId, options);
      return handle(endpointId, queued.request_id);
    },
    handle,
    status: (endpointId, requestId, options = {}) => queue.status(endpointId, { ...options, requestId }),
    result: (endpointId, requestId, options) =>
      handle<OutputType<typeof endpointId>>(endpointId, requestId).result(options),
    cancel: (endpointId, requestId, options = {}) => queue.cancel(endpointId, { ...options, requestId }),
  };
  contexts.set(client, ctx);
  return client;
}

/** A `RequestHandle` whose ids are validated now and whose implementation loads on first use. */
function lazyRequestHandle<Output>(
  ctx: FalContext,
  endpointId: string,
  requestId: string,
): RequestHandle<Output> {
  queueRequestUrl(endpointId, requestId);
  const load = async () => (await queueCode()).createRequestHandle<Output>(ctx, endpointId, requestId);
  return {
    endpointId,
    requestId,
    status: async (options) => (await load()).status(options),
    cancel: async (options) => (await load()).cancel(options),
    result: async (options) => (await load()).result(options),
    async *events(options) {
      yield* (await load()).events(options);
    },
  };
}
