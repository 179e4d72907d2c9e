import { decode, encode } from '@msgpack/msgpack';

/** Default encoder: msgpack for everything (strings too, like fal's client); bytes pass through. */
export function encodeRealtimeMessage(input: unknown): Uint8Array {
  return input instanceof Uint8Array ? input : encode(input, { ignoreUndefined: true });
}

/** Default decoder: text frames are JSON, binary frames msgpack (ArrayBuffer, typed array or Blob). */
export async function decodeRealtimeMessage(data: unknown): Promise<unknown> {
  if (typeof data === 'string') return JSON.parse(data);
  // Tag checks, not instanceof: sockets from another realm (jsdom + ws, iframes) hand over foreign buffers.
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]')
    return decode(new Uint8Array(data as ArrayBuffer));
  if (ArrayBuffer.isView(data)) return decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (typeof Blob !== 'undefined' && data instanceof Blob)
    return decode(new Uint8Array(await data.arrayBuffer()));
  return data;
}
