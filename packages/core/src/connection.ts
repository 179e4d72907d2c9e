/**
 * A connection: the transport of a `FalClientConfig` (credentials, proxy, baseUrl, retries, upload
 * queue) without a client object around it. `@falkit/core/functions` takes one as the first argument
 * of every call, so a page bundles only the calls it makes; `createFalClient` builds its context
 * the same way (`createLazyContext`).
 */
import type { FalClientConfig } from './config';
import type { FalContext } from './context';
import { createLazyContext } from './transport/lazyContext';

declare const connectionBrand: unique symbol;

/**
 * What `createFalConnection` returns: an opaque handle to pass to the functions of
 * `@falkit/core/functions`. It has no members of its own.
 */
export interface FalConnection {
  readonly [connectionBrand]: true;
}

const contexts = new WeakMap<FalConnection, FalContext>();

// Files found in an input (`run(c, id, { input: { image: blob } })`) and client connection mode's token
// are handled by code that loads only then (one module): a page that never needs them never loads it.
// Every call's own code is imported statically by its function module, so a page loads exactly the
// calls it imports, with no chunk fetch between a call and its first request.
const extras = () => import('./lazy/connectionExtras');

/**
 * Make a connection from the same config as `createFalClient`. Validates the config (bad values throw
 * `FalInputError`); nothing is sent until a call uses it.
 */
export function createFalConnection(config: FalClientConfig = {}): FalConnection {
  const connection = Object.freeze({}) as FalConnection;
  contexts.set(connection, createLazyContext(config, { storage: extras, clientToken: extras }));
  return connection;
}

/** Internal: the transport context behind a connection. */
export function connectionContext(connection: FalConnection): FalContext {
  const ctx = contexts.get(connection);
  if (!ctx) throw new TypeError('not a connection created by createFalConnection');
  return ctx;
}
