import { type FalClient, contextOf, createFalClient } from './client';
import type { FalClientConfig } from './config';

/** The default client, configured with `fal.config(...)` (credentials from the environment otherwise). */
export interface SingletonFalClient extends FalClient {
  config(config: FalClientConfig): void;
}

let current: FalClient | undefined;
const client = () => {
  current ??= createFalClient();
  return current;
};

/** Shared default instance, created lazily on first use so importing it sends and reads nothing. */
export const fal: SingletonFalClient = {
  config(config) {
    current = createFalClient(config);
  },
  get queue() {
    return client().queue;
  },
  get storage() {
    return client().storage;
  },
  get streaming() {
    return client().streaming;
  },
  get realtime() {
    return client().realtime;
  },
  run: (endpointId, options) => client().run(endpointId, options),
  subscribe: (endpointId, options) => client().subscribe(endpointId, options),
  stream: (endpointId, options) => client().stream(endpointId, options),
  submit: (endpointId, options) => client().submit(endpointId, options),
  handle: (endpointId, requestId) => client().handle(endpointId, requestId),
  status: (endpointId, requestId, options) => client().status(endpointId, requestId, options),
  result: (endpointId, requestId, options) => client().result(endpointId, requestId, options),
  cancel: (endpointId, requestId, options) => client().cancel(endpointId, requestId, options),
};

/** Internal: the current context of the default instance. */
export const defaultContext = () => contextOf(client());

// Seed (Python client) surface: module-level functions on the default instance.
export const submit: FalClient['submit'] = (endpointId, options) => fal.submit(endpointId, options);
export const handle: FalClient['handle'] = (endpointId, requestId) => fal.handle(endpointId, requestId);
export const status: FalClient['status'] = (endpointId, requestId, options) =>
  fal.status(endpointId, requestId, options);
export const result: FalClient['result'] = (endpointId, requestId, options) =>
  fal.result(endpointId, requestId, options);
export const cancel: FalClient['cancel'] = (endpointId, requestId, options) =>
  fal.cancel(endpointId, requestId, options);

/**
 * Seed surface (`fal_client.upload_image`): uploads an image with the shared `fal` instance and
 * resolves with its URL. Same as `fal.storage.uploadImage(image, format, options)`.
 */
export const uploadImage: FalClient['storage']['uploadImage'] = (image, format, options) =>
  fal.storage.uploadImage(image, format, options);
