import type { FalContext } from '../context';
import { parseEndpointId } from '../endpoint/parseEndpointId';
import { errorFromResponse } from '../errors/errorFromResponse';
import { type StreamTokenProvider, fetchStreamToken } from './fetchStreamToken';

export interface ClientTokenRequest {
  method: string;
  accept: string;
  /** JSON body, already serialized. */
  body?: string;
  signal: AbortSignal;
  /** Token source; default `POST rest.fal.ai/tokens/` through the client. */
  tokenProvider?: StreamTokenProvider;
}

/**
 * Client connection mode (docs/protocol.md §2, §4.3, §5): a short-lived token in the `fal_jwt_token`
 * query parameter instead of `Authorization`, sent straight to fal (no proxy, no middleware) with
 * only `accept` and `content-type`. A non-2xx answer throws its `ApiError`.
 */
export async function fetchWithClientToken(
  ctx: FalContext,
  endpointId: string,
  url: string,
  request: ClientTokenRequest,
): Promise<Response> {
  const { owner, alias, path, namespace } = parseEndpointId(endpointId);
  const app = `${[namespace, owner, alias].filter(Boolean).join('/')}${path ? `/${path}` : ''}`;
  const token = request.tokenProvider
    ? await request.tokenProvider(app.endsWith('/stream') ? app : `${app}/stream`)
    : await fetchStreamToken(ctx, alias, request.signal);
  const tokenUrl = new URL(url);
  tokenUrl.searchParams.set('fal_jwt_token', token);
  const response = await ctx.fetch(ctx.resolveUrl(tokenUrl.toString()), {
    method: request.method,
    headers: { accept: request.accept, 'content-type': 'application/json' },
    body: request.body,
    signal: request.signal,
  });
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}
