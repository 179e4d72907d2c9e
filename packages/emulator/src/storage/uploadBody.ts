import { detailResponse } from '../http/jsonResponse.js';

/**
 * Largest upload body (a signed PUT, one multipart part, a CDN-token upload) the emulator accepts by
 * default. fal's clients switch to multipart above 90 MiB, so every single request they send fits.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export type UploadBody = { ok: true; chunks: Uint8Array[]; size: number } | { ok: false; response: Response };

/**
 * Reads an upload body as the chunks it arrives in (the file store keeps chunks, so nothing is copied
 * into one buffer), refusing it with 413 once it passes `limit`: a declared `Content-Length` is refused
 * before reading, and a stream without one is cut off as soon as it passes the limit. fal's storage
 * documents no status for this (docs/protocol.md §6); 413 Content Too Large is HTTP's.
 */
export async function readUploadBody(request: Request, limit: number): Promise<UploadBody> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await request.body?.cancel().catch(() => {});
    return { ok: false, response: tooLarge(limit) };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!request.body) return { ok: true, chunks, size };
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, response: tooLarge(limit) };
    }
    chunks.push(value);
  }
  return { ok: true, chunks, size };
}

/** One contiguous copy, for the few callers that need it (a part's content hash). */
export function joinChunks(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limit: number): Response {
  return detailResponse(
    413,
    `Upload body is larger than the emulator's ${limit} bytes limit (maxUploadBytes).`,
  );
}
