/** Response helpers for the two error shapes fal uses (docs/protocol.md §10.1). */

/**
 * Reason phrases for the statuses fal sends that HTTP itself does not define (Node would say
 * "unknown"). 499 is nginx's "Client Closed Request", which fal uses for cancelled and disconnected
 * requests (docs/protocol.md §10).
 */
const NONSTANDARD_REASON_PHRASES: Readonly<Record<number, string>> = { 499: 'Client Closed Request' };

/** The reason phrase for a status HTTP does not name; undefined for the standard ones. */
export function nonstandardReasonPhrase(status: number): string | undefined {
  return NONSTANDARD_REASON_PHRASES[status];
}

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  const result = new Headers(headers);
  result.set('content-type', 'application/json');
  const statusText = nonstandardReasonPhrase(status);
  return new Response(JSON.stringify(body), { status, headers: result, ...(statusText && { statusText }) });
}

/** Platform ("request") error: `{detail, error_type}` plus the `x-fal-error-type` header. */
export function platformError(
  status: number,
  detail: string,
  errorType: string,
  headers?: HeadersInit,
): Response {
  const result = new Headers(headers);
  result.set('x-fal-error-type', errorType);
  return jsonResponse({ detail, error_type: errorType }, status, result);
}

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
  input?: unknown;
}

/** FastAPI/Pydantic-style validation body: `{detail: [{loc, msg, type}]}`. */
export function validationBody(issues: ValidationIssue[]): { detail: ValidationIssue[] } {
  return { detail: issues };
}

export function validationError(issues: ValidationIssue[]): Response {
  return jsonResponse(validationBody(issues), 422);
}

/** Plain REST/CDN error: `{"detail": "<message>"}`. */
export function detailResponse(status: number, detail: string): Response {
  return jsonResponse({ detail }, status);
}

/** A 422 with a single validation issue. */
export function validationResponse(loc: (string | number)[], msg: string, type: string): Response {
  return validationError([{ loc, msg, type }]);
}
