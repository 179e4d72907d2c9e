import { jsonResponse, validationError } from './jsonResponse.js';

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

export type LimitedChunks =
  | { ok: true; chunks: Uint8Array[]; size: number }
  | { ok: false; response: Response };

/**
 * The one bounded body reader: the chunks as they arrive, or `tooLarge()` once the body passes
 * `limit` — a declared `Content-Length` over it is refused before reading, and a stream without one
 * is cut off as soon as it passes (never buffered whole).
 */
export async function readLimitedChunks(
  request: Request,
  limit: number,
  tooLarge: () => Response,
): Promise<LimitedChunks> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    return { ok: false, response: tooLarge() };
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
      return { ok: false, response: tooLarge() };
    }
    chunks.push(value);
  }
  return { ok: true, chunks, size };
}

/** One contiguous copy of chunks read by `readLimitedChunks`. */
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

/** Reads at most `limit` bytes into one buffer; longer bodies get 413 without being buffered whole. */
export async function readLimitedBytes(
  request: Request,
  limit: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  const read = await readLimitedChunks(request, limit, () =>
    jsonResponse({ detail: `Request body is too large (limit ${limit} bytes)` }, 413),
  );
  return read.ok ? { ok: true, bytes: joinChunks(read.chunks, read.size) } : read;
}

/**
 * Reads a JSON model input. An empty body counts as `{}` (the app then reports its own missing
 * fields); malformed JSON gets the 422 `json_invalid` body FastAPI produces.
 */
export async function readJsonBody(request: Request, limit: number): Promise<BodyResult> {
  const read = await readLimitedBytes(request, limit);
  if (!read.ok) return read;
  const text = new TextDecoder().decode(read.bytes);
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      response: validationError([
        {
          loc: ['body', 0],
          msg: 'JSON decode error',
          type: 'json_invalid',
          ctx: { error: error instanceof Error ? error.message : String(error) },
        },
      ]),
    };
  }
}
