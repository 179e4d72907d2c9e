import { decode, encode } from '@msgpack/msgpack';

/** Frames of fal's realtime protocol (docs/protocol.md §8). */

/** A client frame: binary frames are msgpack, text frames JSON. Throws on undecodable data. */
export function decodeInput(data: Uint8Array | string): unknown {
  return typeof data === 'string' ? JSON.parse(data) : decode(data);
}

/** Results always go out as msgpack binary frames. */
export function encodeOutput(output: unknown): Uint8Array {
  return encode(output, { ignoreUndefined: true });
}

/** `x-fal-error` is a JSON text frame; `TIMEOUT` means "no inputs, reconnect when needed". */
export function errorFrame(error: string, reason: string): string {
  return JSON.stringify({ type: 'x-fal-error', error, reason });
}

/** Meta frame both official clients skip; `timing` is in seconds. */
export function timingsFrame(seconds: number): string {
  return JSON.stringify({ type: 'x-fal-message', action: 'timings', timing: seconds });
}

export const TIMEOUT_REASON = 'no inputs, reconnect when needed!';
