import { ApiError } from './apiError';
import { ValidationError, type ValidationErrorBody } from './validationError';

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function messageFrom(body: unknown, response: Response): string {
  if (body && typeof body === 'object') {
    const { detail, message } = body as { detail?: unknown; message?: unknown };
    if (typeof message === 'string' && message) return message;
    if (typeof detail === 'string' && detail) return detail;
  }
  return `HTTP ${response.status}: ${response.statusText || 'error'}`;
}

/** Read a non-2xx response into `ApiError` (`ValidationError` for 422). Consumes the body. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = await readBody(response);
  const headers = response.headers;
  const bodyErrorType = (body as { error_type?: unknown } | null)?.error_type;
  const args = {
    message: messageFrom(body, response),
    status: response.status,
    body,
    requestId: headers.get('x-fal-request-id') ?? undefined,
    timeoutType: headers.get('x-fal-request-timeout-type') ?? undefined,
    errorType:
      typeof bodyErrorType === 'string' ? bodyErrorType : (headers.get('x-fal-error-type') ?? undefined),
    headers,
  };
  if (response.status === 422)
    return new ValidationError(args as typeof args & { body: ValidationErrorBody });
  return new ApiError(args);
}
