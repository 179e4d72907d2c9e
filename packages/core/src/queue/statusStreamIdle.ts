/**
 * How long a status stream (`GET …/status/stream`, docs/protocol.md §4.3) may stay silent before it
 * counts as dead: fal sends a keep-alive comment every 15 s, so 45 s is three missed ones. One limit
 * for `subscribe`'s status updates and the raw `queue.streamStatus`.
 */
export const STATUS_STREAM_IDLE_MS = 45_000;
