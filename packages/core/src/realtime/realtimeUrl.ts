import type { FalContext } from '../context';
import { parseEndpointId } from '../endpoint/parseEndpointId';

/** `{ns/}{owner}/{alias}{/path}` plus the realtime path: `/realtime` by default, not doubled, replaced by `path`. */
export function realtimeAppPath(app: string, path: string | undefined): string {
  const { owner, alias, path: appPath, namespace } = parseEndpointId(app);
  const id = [namespace, owner, alias, appPath].filter(Boolean).join('/');
  if (path) return `${id}/${path.replace(/^\/+/, '')}`;
  return /(^|\/)realtime$/.test(id) ? id : `${id}/realtime`;
}

/**
 * `wss://fal.run/{app}/realtime?fal_jwt_token=…[&max_buffering=N]`, mapped through the client's
 * `baseUrl` (the emulator's `ws://host/fal.run/...`). The proxy is not used: WebSockets go direct.
 */
export function realtimeUrl(
  ctx: FalContext,
  appPath: string,
  token: string,
  maxBuffering: number | undefined,
): string {
  const query = new URLSearchParams({ fal_jwt_token: token });
  if (maxBuffering !== undefined) query.set('max_buffering', maxBuffering.toFixed(0));
  return ctx.resolveUrl(`https://fal.run/${appPath}?${query}`).replace(/^http(s?):/i, 'ws$1:');
}
