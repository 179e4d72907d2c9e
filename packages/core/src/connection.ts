/**
 * A connection: the transport of a `FalClientConfig` (credentials, proxy, baseUrl, retries, upload
 * queue) without a client object around it. `@falkit/core/functions` takes one as the first argument
 * of every call, so a page bundles only the calls it makes; `createFalClient` builds its context
 * the same way (`createUploadingContext`).
 */
import type { FalClientConfig } from './config';
import type { FalContext } from './context';
import { createUploadingContext } from './transport/uploadingContext';

declare const connectionBrand: unique symbol;

/**
 * What `createFalConnection` returns: an opaque handle to pass to the functions of
 * `@falkit/core/functions`. It has no members of its own.
 */
export interface FalConnection {
  readonly [connectionBrand]: true;
}

const contexts = new WeakMap<FalConnection, FalContext>();

// A connection's code beyond each call's first request loads on first use, one module per feature
// (see lazy/connection/). Each is a function so bundlers split at these imports. Each re-exports the
// connection (the transport), never the calls: a lazy module reaching an operation makes a bundler
// count it as reached by the page too (through the entry's re-export) and load it with the page.
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
