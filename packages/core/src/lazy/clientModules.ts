/**
 * Re-exported by every module in `lazy/`, for code-splitting bundlers that assign a file to a chunk
 * by the exact set of entry points reaching it (esbuild does): with the client's own modules reachable
 * from every lazy module too, the code the page already loaded for the client (transport, errors,
 * validation, request helpers) lands in ONE shared chunk instead of one chunk per combination of
 * lazy features. No extra code is loaded: the page imported the client before calling it.
 */
export { createFalClient } from '../client';
// Reached from the root entry (a documented export) and used by the queue module: same reason.
export { isQueueStatus } from '../types/queueStatus';
