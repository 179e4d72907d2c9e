/**
 * `client.stream` and `queue.streamStatus`: `FalStream`, the SSE reader and its parser, on first use
 * (`stream()` sends its request before this has loaded).
 */
export { FalStream } from '../stream/falStream';
export { streamStatus } from '../queue/streamStatus';
// With the client's own modules reachable from every lazy module too, a code-splitting bundler that
// assigns a file to a chunk by the set of entries reaching it (esbuild does) puts the code the page
// already loaded for the client in ONE shared chunk, not one per combination of lazy features. It adds
// nothing: the page imported the client before calling it.
export { createFalClient } from '../client';
export { isQueueStatus } from '../types/queueStatus';
