import { FalInputError } from '../errors/falInputError';

/**
 * Standard (RFC 4648 §4, padded) base64 for bytes, without `Buffer` so it runs in every runtime.
 * `btoa` takes a binary string; building it in slices keeps `String.fromCharCode` under the
 * engines' argument limits for large inputs.
 */
const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + SLICE));
  }
  return btoa(binary);
}

/**
 * Decodes standard or URL-safe base64 (padding optional); throws `FalInputError` (`path`, default
 * `data`) on invalid input.
 */
export function base64ToBytes(base64: string, path = 'data'): Uint8Array<ArrayBuffer> {
  if (typeof base64 !== 'string') throw new FalInputError('invalid base64 data: not a string', path);
  const normalised = base64.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(normalised);
  } catch {
    throw new FalInputError('invalid base64 data', path);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
