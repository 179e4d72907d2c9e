/**
 * `client.stream` and `queue.streamStatus`: `FalStream`, the SSE reader and its parser, on first use
 * (`stream()` sends its request before this has loaded).
 */
export { FalStream } from '../stream/falStream';
export { streamStatus } from '../queue/streamStatus';
export * from './clientModules';
