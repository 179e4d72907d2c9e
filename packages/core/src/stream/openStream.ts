import type { FalContext } from '../context';
import type { StreamOptions } from './streamOptions';

export const EVENT_STREAM = 'text/event-stream';

/**
 * Sends a streaming request and resolves with its response (headers in, body unread). `stream()`
 * calls it from the code the page already has, before `FalStream` (loaded on first use) exists, so
 * the request leaves while that code loads; `FalStream` calls it for requests it opens itself.
 */
export async function openStream(
  ctx: FalContext,
  endpointId: string,
  url: string,
  options: StreamOptions<unknown>,
  signal: AbortSignal,
  /** Called once the request has been handed to `fetch` (see `FalRequestOptions.onSent`). */
  onSent?: () => void,
): Promise<Response> {
  const method = (options.method ?? 'post').toUpperCase();
  const accept = options.accept ?? EVENT_STREAM;
  const sendsBody = method !== 'GET' && method !== 'HEAD' && options.input !== undefined;
  const target = method === 'GET' ? withInputQuery(url, options.input) : url;

  if (options.connectionMode === 'client') {
    // Loaded only in client mode: the token request comes first there anyway.
    onSent?.();
    return ctx.fetchWithClientToken(endpointId, target, {
      method,
      accept,
      body: sendsBody ? JSON.stringify(options.input) : undefined,
      signal,
      tokenProvider: options.tokenProvider,
    });
  }

  const policy = ctx.retryPolicy('stream');
  return ctx.request({
    method: method as 'POST',
    url: target,
    ...(sendsBody ? { json: options.input } : {}),
    headers: { accept },
    signal,
    // Only transport failures before any response are retried, never an answer (even a 5xx): fal
    // cancels a direct run whose connection drops, while an answered request may already have run.
    retry: policy && { ...policy, retryableStatuses: [] },
    onSent,
  });
}

function withInputQuery(url: string, input: unknown): string {
  if (input === undefined || input === null || typeof input !== 'object') return url;
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined)
      parsed.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return parsed.toString();
}
