import { base64ToBytes } from '../encoding/base64';
import { FalInputError } from '../errors/falInputError';

const DATA_URL = /^data:([^,]*?)(;base64)?,/i;

export function isDataUrl(value: string): boolean {
  return value.length > 5 && value.slice(0, 5).toLowerCase() === 'data:' && DATA_URL.test(value);
}

/**
 * Decodes a `data:` URL into a `Blob` carrying its MIME type (RFC 2397): base64 payloads are
 * decoded, others percent-decoded. Throws `FalInputError` (`path: 'url'`) when it is not a valid
 * data URL.
 */
export function dataUrlToBlob(url: string): Blob {
  const match = typeof url === 'string' ? DATA_URL.exec(url) : null;
  if (!match) throw new FalInputError('not a data: URL', 'url');
  const mediaType = (match[1] ?? '').trim() || 'text/plain;charset=US-ASCII';
  const payload = url.slice(match[0].length);
  const bytes = match[2] ? base64ToBytes(decodeDataUrlPayload(payload), 'url') : percentDecode(payload);
  return new Blob([bytes], { type: mediaType });
}

function percentDecode(payload: string): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const char = payload.charCodeAt(i);
    if (char === 0x25 /* % */ && /^[0-9a-f]{2}$/i.test(payload.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (char < 0x80) {
      bytes.push(char);
    } else {
      bytes.push(...new TextEncoder().encode(payload[i]));
    }
  }
  return new Uint8Array(bytes);
}

function decodeDataUrlPayload(payload: string): string {
  try {
    return decodeURIComponent(payload);
  } catch {
    throw new FalInputError('invalid percent-encoding in data: URL', 'url');
  }
}
