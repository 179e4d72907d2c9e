import { FalInputError } from '../errors/falInputError';
import type { UploadSource } from './uploadSource';

/**
 * The `content_type` sent on upload initiation (§6.1) and with the PUT: the `contentType` option,
 * else the data's own type (a `Blob`'s `type`, `text/plain;charset=utf-8` for text), else
 * `application/octet-stream`.
 */
export function uploadContentType(source: UploadSource, option: unknown): string {
  if (option !== undefined) return assertHeaderText(option, 'contentType');
  return source.type || 'application/octet-stream';
}

/**
 * The `file_name` sent on upload initiation (§6.1): the `fileName` option, else the `File`'s own
 * name, else `{Date.now()}.{subtype}` with the subtype cut at the first `-` or `;`
 * (`image/png` → `png`, `application/octet-stream` → `octet`).
 */
export function uploadFileName(source: UploadSource, contentType: string, option: unknown): string {
  if (option !== undefined) return assertHeaderText(option, 'fileName');
  if (source.name) return source.name;
  const subtype = contentType.split('/')[1]?.split(/[-;]/)[0]?.trim();
  return `${Date.now()}.${subtype || 'bin'}`;
}

/** A non-empty string without control characters (the content type also travels as a header). */
function assertHeaderText(value: unknown, path: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (typeof value !== 'string' || !/\S/.test(value) || /[\0-\x1f\x7f]/.test(value)) {
    throw new FalInputError('must be a non-empty string without control characters', path);
  }
  return value;
}
