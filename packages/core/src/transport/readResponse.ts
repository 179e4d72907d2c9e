import { toNetworkError } from './networkFailure';

/**
 * Decode a 2xx body like the official client: JSON, text/html as text, octet-stream as ArrayBuffer.
 * A connection lost while the body arrives is a `NetworkError` (`method` names the request in it).
 */
export async function readResponse<T = unknown>(response: Response, method = 'GET'): Promise<T> {
  const contentType = response.headers.get('content-type') ?? '';
  const read = <R>(body: Promise<R>) =>
    body.catch((error: unknown) => {
      throw toNetworkError(error, method, response.url);
    });
  if (contentType.includes('application/json') || contentType.includes('+json')) {
    const text = await read(response.text());
    return (text ? JSON.parse(text) : null) as T;
  }
  if (contentType.includes('application/octet-stream')) return (await read(response.arrayBuffer())) as T;
  return (await read(response.text())) as T;
}

export function requestIdOf(response: Response): string {
  return response.headers.get('x-fal-request-id') ?? '';
}
