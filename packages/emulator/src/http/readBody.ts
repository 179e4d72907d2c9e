import { jsonResponse, validationError } from './jsonResponse.js';

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads at most `limit` bytes; longer bodies get 413 without being buffered whole. */
export async function readLimitedBytes(
  request: Request,
  limit: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  const tooLarge = () => ({
    ok: false as const,
    response: jsonResponse({ detail: `Request body is too large (limit ${limit} bytes)` }, 413),
  });
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return tooLarge();
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
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
