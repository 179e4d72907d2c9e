import { NetworkError } from '../errors/networkError';
import { isTransportError } from '../retry/isRetryable';

/** A connection failure of `method url` as `NetworkError`; anything else (aborts, bugs) unchanged. */
export function toNetworkError(error: unknown, method: string, url: string): unknown {
  if (error instanceof NetworkError || !isTransportError(error)) return error;
  return new NetworkError({ cause: error, method, url });
}
