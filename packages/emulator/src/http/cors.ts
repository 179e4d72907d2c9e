/**
 * CORS for everything the emulator serves: browsers (stories, browser tests) call it directly. fal routes
 * grant any origin (as fal does); the control routes (`/__emulator/*`) grant only loopback origins, so a
 * page on another site cannot read the job list or the request log.
 */
import { isControlPath } from './routeInfo.js';

const EXPOSED_HEADERS = [
  'x-fal-request-id',
  'x-fal-error-type',
  'x-fal-request-timeout-type',
  'x-fal-retryable',
  'x-fal-billable-units',
  'retry-after',
  'etag',
  'content-range',
  'accept-ranges',
  'content-length',
  'content-type',
  'location',
].join(', ');

const DEFAULT_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'cache-control',
  'range',
  'x-fal-target-url',
  'x-fal-queue-priority',
  'x-fal-runner-hint',
  'x-fal-request-timeout',
  'x-fal-object-lifecycle',
  'x-fal-object-lifecycle-preference',
  'x-fal-file-name',
  'x-fal-no-retry',
  'x-fal-store-io',
].join(', ');

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** `http(s)://localhost`, `127.x.x.x` or `[::1]`, any port: a page served from this machine. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/** The origin to grant, or undefined for none (a foreign origin on a control route). */
function grantedOrigin(request: Request): string | undefined {
  const origin = request.headers.get('origin');
  if (!isControlPath(new URL(request.url).pathname)) return origin ?? '*';
  return origin !== null && isLoopbackOrigin(origin) ? origin : undefined;
}

/** Answers a preflight, echoing whatever headers the browser asks for (covers every `x-fal-*`). */
export function preflightResponse(request: Request): Response {
  const origin = grantedOrigin(request);
  if (origin === undefined) return new Response(null, { status: 204, headers: { vary: 'origin' } });
  const requested = request.headers.get('access-control-request-headers');
  const headers = new Headers({
    'access-control-allow-origin': origin,
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': requested
      ? `${DEFAULT_ALLOWED_HEADERS}, ${requested}`
      : DEFAULT_ALLOWED_HEADERS,
    'access-control-max-age': '600',
    vary: 'origin, access-control-request-headers',
  });
  return new Response(null, { status: 204, headers });
}

/** Returns a response carrying the CORS headers (copying it when its headers are immutable). */
export function withCors(response: Response, request: Request): Response {
  const origin = grantedOrigin(request);
  if (origin === undefined) return response;
  try {
    response.headers.set('access-control-allow-origin', origin);
    response.headers.set('access-control-expose-headers', EXPOSED_HEADERS);
    if (origin !== '*') response.headers.append('vary', 'origin');
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set('access-control-allow-origin', origin);
    copy.headers.set('access-control-expose-headers', EXPOSED_HEADERS);
    return copy;
  }
}
