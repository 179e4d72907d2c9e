import { jsonResponse } from '../http/jsonResponse.js';
import type { EmulatorCore, RequestScope } from '../routes/emulatorCore.js';

/**
 * A `fal_jwt_token` query parameter is always checked (known, unexpired, and listing the app's
 * alias). Otherwise, with a configured key, `Authorization: Key <key>` (or `Bearer <key>`) is required.
 * Returns the error response, or undefined when the request may proceed.
 */
export function authorize(
  core: EmulatorCore,
  scope: RequestScope,
  alias: string | undefined,
): Response | undefined {
  const token = scope.url.searchParams.get('fal_jwt_token');
  if (token !== null) {
    if (alias === undefined) return jsonResponse({ detail: 'fal_jwt_token is not accepted here' }, 401);
    const check = core.tokens.check(token, alias);
    return check.ok ? undefined : jsonResponse({ detail: check.detail }, check.status);
  }
  return requireKey(scope.request, core.key);
}

/**
 * With a configured key, `Authorization: Key <key>` (or `Bearer <key>`) is required; without one anything
 * goes. Returns the 401 response, or undefined when the request may proceed.
 */
export function requireKey(request: Request, key: string | undefined): Response | undefined {
  if (key === undefined) return undefined;
  const header = request.headers.get('authorization');
  if (!header)
    return jsonResponse({ detail: 'Missing credentials: send "Authorization: Key <FAL_KEY>"' }, 401);
  const match = /^(Key|Bearer)\s+(.+)$/i.exec(header.trim());
  if (!match || match[2] !== key) return jsonResponse({ detail: 'Invalid key' }, 401);
  return undefined;
}
