/** Decode a 2xx body like the official client: JSON, text/html as text, octet-stream as ArrayBuffer. */
export async function readResponse<T = unknown>(response: Response): Promise<T> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('application/json') || contentType.includes('+json')) {
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }
  if (contentType.includes('application/octet-stream')) return (await response.arrayBuffer()) as T;
  return (await response.text()) as T;
}

export function requestIdOf(response: Response): string {
  return response.headers.get('x-fal-request-id') ?? '';
}
