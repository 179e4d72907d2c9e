import type { FalContext } from '../context';
import { FalError } from '../errors/falError';

/** Returns a short-lived token for `{owner}/{alias}{path}` (client-mode streaming). */
export type StreamTokenProvider = (app: string) => Promise<string>;

/**
 * Short-lived token for client-mode streaming (docs/protocol.md §2): `POST rest.fal.ai/tokens/` with
 * `{ allowed_apps: [alias], token_expiration: 120 }`. The answer is a bare JSON string (older
 * proxies wrap it as `{ detail }`, some servers as `{ token }`).
 */
export async function fetchStreamToken(ctx: FalContext, alias: string, signal: AbortSignal): Promise<string> {
  const response = await ctx.request({
    method: 'POST',
    url: 'https://rest.fal.ai/tokens/',
    json: { allowed_apps: [alias], token_expiration: 120 },
    signal,
  });
  const body = (await response.json()) as unknown;
  const token =
    typeof body === 'string'
      ? body
      : ((body as { token?: unknown; detail?: unknown } | null)?.token ??
        (body as { detail?: unknown } | null)?.detail);
  if (typeof token !== 'string' || !token) throw new FalError('The token endpoint returned no token');
  return token;
}
