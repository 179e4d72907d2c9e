/** `client.stream` and `queue.streamStatus`: `FalStream`, the SSE reader and its parser, on first use. */
export { stream } from '../stream/stream';
export { streamStatus } from '../queue/streamStatus';
export * from './clientModules';
