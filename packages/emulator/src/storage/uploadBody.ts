import { detailResponse } from '../http/jsonResponse.js';
import { type LimitedChunks, readLimitedChunks } from '../http/readBody.js';

/**
 * Largest upload body (a signed PUT, one multipart part, a CDN-token upload) the emulator accepts by
 * default. fal's clients switch to multipart above 90 MiB, so every single request they send fits.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export type UploadBody = LimitedChunks;

/**
 * Reads an upload body as the chunks it arrives in (the file store keeps chunks, so nothing is copied
 * into one buffer), refusing it with 413 once it passes `limit` (see `readLimitedChunks`). fal's
 * storage documents no status for this (docs/protocol.md §6); 413 Content Too Large is HTTP's.
 */
export function readUploadBody(request: Request, limit: number): Promise<UploadBody> {
  return readLimitedChunks(request, limit, () => tooLarge(limit));
}

function tooLarge(limit: number): Response {
  return detailResponse(
    413,
    `Upload body is larger than the emulator's ${limit} bytes limit (maxUploadBytes).`,
  );
}
