/**
 * Everything the queue needs, as one lazily loaded chunk: the first queue call (submit, subscribe,
 * handle, …) loads it all, so follow-up calls (status stream, result) never wait for another chunk.
 */
export { cancel } from './cancel';
export { createRequestHandle } from './requestHandle';
export { result } from './result';
export { status } from './status';
export { submit } from './submit';
export { subscribeToStatus } from './subscribeToStatus';
