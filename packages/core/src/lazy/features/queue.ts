/**
 * The queue's code behind `subscribe`, `submit`'s follow-ups, `status`, `result` and request handles,
 * loaded on the first queue call and all at once, so follow-up calls (status stream, result) never
 * wait for another chunk. The submit itself is static (it leaves before this loads). Shared by the
 * client's (lazy/queue) and the connection's (lazy/connection/queue) lazy modules.
 */
export { cancel } from '../../queue/cancel';
export { createRequestHandle } from '../../queue/requestHandle';
export { result } from '../../queue/result';
export { status } from '../../queue/status';
export { subscribeToStatus, waitForCompletion } from '../../queue/subscribeToStatus';
