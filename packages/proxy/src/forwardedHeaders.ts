/** Request headers a client may pass to fal besides `x-fal-*`. Everything else is dropped. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'cache-control'];

/**
 * Builds upstream request headers from an allow-list rather than a block-list, so cookies, the client's
 * `Authorization`, `Host`, hop-by-hop and forwarding headers can never leak upstream.
 */
export function upstreamRequestHeaders(incoming: Headers, authorization: string): Headers {
  const headers = new Headers();
  for (const [name, value] of incoming) {
    if (
      (name.startsWith('x-fal-') && name !== 'x-fal-target-url') ||
      FORWARDED_REQUEST_HEADERS.includes(name)
    ) {
      headers.set(name, value);
    }
  }
  headers.set('authorization', authorization);
  headers.set('x-fal-client-proxy', '@falkit/proxy');
  return headers;
}

const DROPPED_RESPONSE_HEADERS = new Set([
  // hop-by-hop (RFC 9110 §7.6.1)
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // fetch already decoded the body, so its length and encoding no longer describe what we send
  'content-length',
  'content-encoding',
  // fal's cookies must not be set on the app's own domain
  'set-cookie',
]);

export function clientResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of upstream) {
    // CORS is the app's decision, never fal's: relayed, an upstream `allow-origin` (+ credentials)
    // would open the app's own route to other sites.
    if (!DROPPED_RESPONSE_HEADERS.has(name) && !name.startsWith('access-control-')) {
      headers.append(name, value);
    }
  }
  return headers;
}
