/** JSON responses in the shapes fal's REST and CDN services answer with. */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const merged = new Headers(headers);
  merged.set('content-type', 'application/json');
  return new Response(JSON.stringify(body), { status, headers: merged });
}

/** Platform-style error: `{"detail": "<message>"}`. */
export function detailResponse(status: number, detail: string): Response {
  return jsonResponse(status, { detail });
}

/** FastAPI/Pydantic-style validation error: `{"detail": [{loc, msg, type}]}` with status 422. */
export function validationResponse(loc: Array<string | number>, msg: string, type: string): Response {
  return jsonResponse(422, { detail: [{ loc, msg, type }] });
}
