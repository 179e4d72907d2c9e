import type { FaultAction } from './faultTypes.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

const ERROR_TYPES: Record<number, string> = {
  400: 'bad_request',
  500: 'internal_error',
  502: 'runner_incomplete_response',
  503: 'runner_scheduling_failure',
  504: 'request_timeout',
};

/** The nginx page a load balancer returns; it carries no `x-fal-request-id`. */
export function ingressResponse(status: 502 | 503 | 504 = 502): Response {
  const reason = REASONS[status] ?? 'Error';
  const html = `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(html, { status, headers: { 'content-type': 'text/html' } });
}

export function statusFaultResponse(
  fault: Extract<FaultAction, { type: 'status' }>,
  requestId: string,
): Response {
  const headers = new Headers({ 'x-fal-request-id': requestId });
  const errorType = ERROR_TYPES[fault.status];
  let body: string;
  if (fault.body === undefined) {
    headers.set('content-type', 'application/json');
    const detail = REASONS[fault.status] ?? `HTTP ${fault.status}`;
    body = JSON.stringify(errorType ? { detail, error_type: errorType } : { detail });
    if (errorType) headers.set('x-fal-error-type', errorType);
  } else if (typeof fault.body === 'string') {
    headers.set('content-type', 'text/plain; charset=utf-8');
    body = fault.body;
  } else {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(fault.body);
  }
  // `null` leaves the header out (a 429 without `Retry-After`); undefined means 1 s for a 429.
  const retryAfter =
    fault.retryAfter === undefined ? (fault.status === 429 ? 1 : undefined) : fault.retryAfter;
  if (retryAfter !== undefined && retryAfter !== null) headers.set('retry-after', String(retryAfter));
  for (const [name, value] of Object.entries(fault.headers ?? {})) headers.set(name, value);
  return new Response(body, { status: fault.status, headers });
}
