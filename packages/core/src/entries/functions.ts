/**
 * `@falkit/core/functions`: the client's calls as standalone functions taking a connection first, so
 * an app bundler keeps only the calls a page makes (`createFalClient` returns one object whose methods
 * reach every operation). Each function is the client's operation itself: same options, endpoint
 * typing, validation, retries and errors. One module per function (src/functions/): a bundler's code
 * splitting counts a module as reached by the page when the page imports any module importing it, so
 * a shared module would put every operation's code in the chunk a `run()` page loads.
 */
export { createFalConnection, type FalConnection } from '../connection';
export { run } from '../functions/run';
export { subscribe } from '../functions/subscribe';
export { stream } from '../functions/stream';
export { upload } from '../functions/upload';
export { submit } from '../functions/submit';
export { status } from '../functions/status';
export { subscribeToStatus } from '../functions/subscribeToStatus';
export { result } from '../functions/result';
export { cancel } from '../functions/cancel';
