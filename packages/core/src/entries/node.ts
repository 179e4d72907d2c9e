/**
 * `@falkit/core/node`: file-system helpers for Node (and Node-compatible runtimes). The only module
 * of the package that imports `node:` built-ins.
 */
import * as fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from '../encoding/encode';
import { mimeTypeFromPath } from '../encoding/mimeTypes';
import { FalInputError } from '../errors/falInputError';
import { fal } from '../fal';
import type { UploadOptions } from '../storage/upload';
import type { UploadData } from '../storage/uploadSource';

export { mimeTypeFromPath } from '../encoding/mimeTypes';

export interface FileOptions {
  /** Overrides the MIME type guessed from the extension. */
  contentType?: string;
}

/** Anything with `storage.upload`: a `createFalClient()` client or the default `fal`. */
export interface UploadCapableClient {
  storage: { upload(data: UploadData, options?: UploadOptions): Promise<string> };
}

export interface UploadFileOptions extends UploadOptions, FileOptions {
  /** The client whose credentials and transport are used (default: the shared `fal` instance). */
  client?: UploadCapableClient;
}

/**
 * Opens a file as a `File` named after it, typed from its extension. Backed by the file on disk
 * (`fs.openAsBlob`) where available, so a multipart upload reads one part at a time instead of
 * loading the whole file.
 */
export async function fileFromPath(path: string | URL, options: FileOptions = {}): Promise<File> {
  const filePath = toPath(path);
  const type = options.contentType ?? mimeTypeFromPath(filePath);
  const openAsBlob = (fs as { openAsBlob?: (path: string, options?: { type?: string }) => Promise<Blob> })
    .openAsBlob;
  const blob = openAsBlob
    ? await openAsBlob(filePath, { type })
    : new Blob([await readFile(filePath)], { type });
  return new File([blob], basename(filePath), { type });
}

/** Reads a file into a `data:` URL, MIME type from the extension (the Python client's `encode_file`). */
export async function encodeFile(path: string | URL, options: FileOptions = {}): Promise<string> {
  const filePath = toPath(path);
  return encode(await readFile(filePath), options.contentType ?? mimeTypeFromPath(filePath));
}

/** Uploads a file to fal storage and resolves with its URL (the Python client's `upload_file`). */
export async function uploadFile(path: string | URL, options: UploadFileOptions = {}): Promise<string> {
  const { client, contentType, ...uploadOptions } = options;
  const target = client ?? fal;
  return target.storage.upload(await fileFromPath(path, { contentType }), uploadOptions);
}

function toPath(path: string | URL): string {
  if (path instanceof URL) return fileURLToPath(path);
  if (typeof path !== 'string' || path.length === 0)
    throw new FalInputError('must be a file path or file: URL', 'path');
  return path;
}
