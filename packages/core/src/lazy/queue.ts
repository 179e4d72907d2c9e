/**
 * The queue's code behind `client.subscribe`, `submit`, `queue.*` and request handles, loaded on the
 * first queue call and all at once, so follow-up calls (status stream, result) never wait for another
 * chunk. The submit itself is static (it leaves before this loads).
 */
export { cancel } from '../queue/cancel';
export { createRequestHandle } from '../queue/requestHandle';
export { result } from '../queue/result';
export { status } from '../queue/status';
export { subscribeToStatus, waitForCompletion } from '../queue/subscribeToStatus';
// With the client's own modules reachable from every lazy module too, a code-splitting bundler that
// assigns a file to a chunk by the set of entries reaching it (esbuild does) puts the code the page
// already loaded for the client in ONE shared chunk, not one per combination of lazy features. It adds
// nothing: the page imported the client before calling it.
export { createFalClient } from '../client';
export { isQueueStatus } from '../types/queueStatus';
