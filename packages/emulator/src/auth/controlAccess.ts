import { isLoopbackOrigin } from '../http/cors.js';
import { jsonResponse } from '../http/jsonResponse.js';
import { requireKey } from './authorize.js';

/**
 * Who may use the `/__emulator/*` control routes (jobs, request log with `fal_jwt_token` values, faults,
 * reset): with a key, only callers that send it; and never a web page from another machine's origin, which
 * could otherwise read the log or inject faults and reset blind (a simple request needs no preflight).
 * Tools without an `Origin` (tests, curl) and pages served from loopback (Storybook, browser tests) pass.
 */
export function checkControlAccess(request: Request, key: string | undefined): Response | undefined {
  const origin = request.headers.get('origin');
  if (origin !== null && !isLoopbackOrigin(origin)) {
    return jsonResponse(
      { detail: `The emulator's control routes do not answer pages from ${origin} (only loopback origins).` },
      403,
    );
  }
  return requireKey(request, key);
}
