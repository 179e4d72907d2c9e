/** Thrown while creating a handler when its configuration is unsafe or incomplete. */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
}

/** Machine-readable reason a request was refused by the proxy itself (never by fal). */
export type ProxyErrorCode =
  | 'method_not_allowed'
  | 'missing_target'
  | 'invalid_target'
  | 'target_not_allowed'
  | 'endpoint_not_allowed'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'missing_credentials'
  | 'body_too_large'
  | 'invalid_body'
  | 'upstream_redirect'
  | 'upstream_unreachable'
  | 'upstream_outcome_unknown'
  | 'client_disconnected'
  | 'internal_error';

/**
 * A proxy-made error response. The body carries `detail` + `error_type` (fal's platform error shape, read by
 * the Python client and falkit) and `message` (read by `@fal-ai/client`), so every client shows the reason.
 */
export function proxyErrorResponse(
  status: number,
  code: ProxyErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error_type: `proxy_${code}`, detail: message, message }), {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-falkit-proxy-error': code,
      ...headers,
    },
  });
}

/** A refusal decided before anything is sent upstream. */
export interface Refusal {
  ok: false;
  status: number;
  code: ProxyErrorCode;
  message: string;
}

export function refuse(status: number, code: ProxyErrorCode, message: string): Refusal {
  return { ok: false, status, code, message };
}
