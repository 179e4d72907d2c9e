/**
 * Uploads (`client.storage.*`, and `Blob`s found in an input): loaded on first use (`storage.upload`
 * sends its initiation before this has loaded).
 */
export { transformInput } from '../storage/transformInput';
export { uploadImage } from '../storage/uploadImage';
export * from '../storage/uploadTransfer';
// With the client's own modules reachable from every lazy module too, a code-splitting bundler that
// assigns a file to a chunk by the set of entries reaching it (esbuild does) puts the code the page
// already loaded for the client in ONE shared chunk, not one per combination of lazy features. It adds
// nothing: the page imported the client before calling it.
export { createFalClient } from '../client';
export { isQueueStatus } from '../types/queueStatus';
