import { FalInputError } from '../errors/falInputError';

/**
 * What `storage.upload` sends: a `Blob` / `File`, bytes (`Uint8Array`, Node `Buffer`, `ArrayBuffer`),
 * or text, sent as its UTF-8 bytes (the Python client's `upload(data: bytes | str, …)`).
 */
export type UploadData = Blob | Uint8Array | ArrayBuffer | string;

/**
 * The bytes of an upload or of one of its parts: a `Blob`, read chunk by chunk as it is sent, or a
 * view of the caller's bytes, sent as views and never copied.
 */
export type UploadBody = Blob | Uint8Array;

/** An upload's bytes and what they say about themselves (a `Blob`'s type, a `File`'s name). */
export interface UploadSource {
  body: UploadBody;
  type?: string;
  name?: string;
}

/** Checks `data` (FalInputError, `path: 'file'`) and wraps it without copying bytes (text is encoded once). */
export function uploadSource(data: unknown): UploadSource {
  if (typeof data === 'string')
    return { body: new TextEncoder().encode(data), type: 'text/plain;charset=utf-8' };
  const body = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  if (body instanceof Uint8Array || (typeof Blob !== 'undefined' && body instanceof Blob)) {
    // A Blob's type and a File's name; bytes have neither (undefined).
    return { body, type: (body as Partial<Blob>).type, name: (body as Partial<File>).name };
  }
  throw new FalInputError('must be a Blob, File, Uint8Array, ArrayBuffer or string', 'file');
}

export function bodySize(body: UploadBody): number {
  return body instanceof Uint8Array ? body.byteLength : body.size;
}

/** Bytes `start` to `end` of `body`: a Blob slice, or a view of the same bytes. */
export function bodySlice(body: UploadBody, start: number, end: number): UploadBody {
  return body instanceof Uint8Array ? body.subarray(start, end) : body.slice(start, end);
}
