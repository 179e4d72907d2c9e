import { FalInputError } from '../errors/falInputError';
import { bytesToBase64 } from './base64';

/** Raw data accepted by `encode`: text (UTF-8 encoded first) or bytes. */
export type EncodableData = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * Encodes data as a `data:` URL (`data:{contentType};base64,{standard base64}`), like the Python
 * client's `encode`. Synchronous; use `encodeBlob` for a `Blob` / `File` (reading one is async).
 *
 * @example encode('hello', 'text/plain') // 'data:text/plain;base64,aGVsbG8='
 */
export function encode(data: EncodableData, contentType: string): string {
  assertContentType(contentType);
  return `data:${contentType};base64,${bytesToBase64(toBytes(data))}`;
}

/**
 * Encodes a `Blob` / `File` as a `data:` URL. The content type defaults to the blob's own type,
 * then `application/octet-stream`.
 */
export async function encodeBlob(blob: Blob, contentType?: string): Promise<string> {
  if (!(blob instanceof Blob)) throw new FalInputError('encodeBlob expects a Blob or File', 'blob');
  const type = contentType ?? (blob.type || 'application/octet-stream');
  return encode(new Uint8Array(await blob.arrayBuffer()), type);
}

function toBytes(data: EncodableData): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof Blob !== 'undefined' && (data as unknown) instanceof Blob) {
    throw new FalInputError('encode does not read Blobs synchronously; use encodeBlob(blob)', 'data');
  }
  throw new FalInputError('encode expects a string, Uint8Array, ArrayBuffer or ArrayBufferView', 'data');
}

function assertContentType(contentType: string): void {
  // A MIME type is `type/subtype` with optional parameters; anything else would corrupt the URL.
  if (typeof contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+(\s*;[^,]*)?$/.test(contentType)) {
    throw new FalInputError(`invalid MIME type: ${String(contentType)}`, 'contentType');
  }
}
