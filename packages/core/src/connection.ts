/**
 * A connection: the transport of a `FalClientConfig` (credentials, proxy, baseUrl, retries, upload
 * queue) without a client object around it. `@falkit/core/functions` takes one as the first argument
 * of every call, so a page bundles only the calls it makes; `createFalClient` builds its context the
 * same way (`createUploadingContext`).
 */
import type { FalClientConfig } from './config';
import type { FalContext } from './context';
import type { transformInput } from './storage/transformInput';
import { createFalContext } from './transport/createFalContext';

declare const connectionBrand: unique symbol;

/**
 * What `createFalConnection` returns: an opaque handle to pass to the functions of
 * `@falkit/core/functions`. It has no members of its own.
 */
export interface FalConnection {
  readonly [connectionBrand]: true;
}

/** The storage code an input's files are uploaded with (a lazily loaded module). */
export type LoadInputUploads = () => Promise<{ transformInput: typeof transformInput }>;

/**
 * The `FalContext` for a config, whose `uploadFiles` loads the storage code only when an input holds a
 * file. One place for the client and the connection.
 */
export function createUploadingContext(config: FalClientConfig, loadStorage: LoadInputUploads): FalContext {
  const ctx: FalContext = {
    ...createFalContext(config),
    uploadFiles: async (input, signal) => (await loadStorage()).transformInput(ctx, input, { signal }),
  };
  return ctx;
}

const contexts = new WeakMap<FalConnection, FalContext>();

// A connection's code beyond each call's first request loads on first use, one module per feature
// (see lazy/connection/). Each is a function so bundlers split at these imports.
export const connectionQueueCode = () => import('./lazy/connection/queue');
export const connectionStreamCode = () => import('./lazy/connection/stream');
export const connectionStorageCode = () => import('./lazy/connection/storage');

/**
 * Make a connection from the same config as `createFalClient`. Validates the config (bad values throw
 * `FalInputError`); nothing is sent until a call uses it.
 */
export function createFalConnection(config: FalClientConfig = {}): FalConnection {
  const connection = Object.freeze({}) as FalConnection;
  contexts.set(connection, createUploadingContext(config, connectionStorageCode));
  return connection;
}

/** Internal: the transport context behind a connection. */
export function connectionContext(connection: FalConnection): FalContext {
  const ctx = contexts.get(connection);
  if (!ctx) throw new TypeError('not a connection created by createFalConnection');
  return ctx;
}
