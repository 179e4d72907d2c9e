/**
 * `stream` and `streamStatus`: `FalStream`, the SSE reader and its parser, on first use (`stream()`
 * sends its request before this has loaded). Shared by the client's and the connection's lazy modules.
 */
export { FalStream } from '../../stream/falStream';
export { streamStatus } from '../../queue/streamStatus';
