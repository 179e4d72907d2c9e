import { FalInputError } from '../errors/falInputError';
import { falUrlHost, parseEndpointId } from './parseEndpointId';

function query(params: Record<string, string | undefined> | undefined): string {
  const defined = Object.entries(params ?? {}).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return defined.length > 0 ? `?${new URLSearchParams(defined).toString()}` : '';
}

function joinPath(base: string, path: string | undefined): string {
  const clean = (path ?? '').replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  return clean ? `${base.replace(/\/+$/, '')}/${clean}` : base.replace(/\/+$/, '');
}

/**
 * Full URL of an endpoint on `host` (`fal.run`, `queue.fal.run`): the id with its path, plus an
 * optional extra `path` and query. A full fal URL as id is used as is.
 */
export function endpointUrl(
  id: string,
  host: string,
  options: { path?: string; query?: Record<string, string | undefined> } = {},
): string {
  const url = falUrlHost(id);
  if (url) {
    parseEndpointId(id);
    return `${joinPath(`${url.origin}${url.pathname}`, options.path)}${query({ ...Object.fromEntries(url.searchParams), ...options.query })}`;
  }
  const { owner, alias, path, namespace } = parseEndpointId(id);
  const base = [namespace, owner, alias, path].filter(Boolean).join('/');
  return `${joinPath(`https://${host}/${base}`, options.path)}${query(options.query)}`;
}

/**
 * URL of a queued request: `https://queue.fal.run/{ns/}{owner}/{alias}/requests/{id}{suffix}` — the
 * endpoint path is dropped, as fal's queue expects (docs/protocol.md §1).
 */
export function queueRequestUrl(
  id: string,
  requestId: string,
  suffix = '',
  params?: Record<string, string | undefined>,
): string {
  if (typeof requestId !== 'string' || !requestId.trim()) {
    throw new FalInputError('expected a non-empty request id string', 'requestId');
  }
  // encodeURIComponent keeps dots: `..` would walk out of `/requests/` once the URL is resolved.
  if (requestId === '.' || requestId === '..') {
    throw new FalInputError(`expected a request id, got ${JSON.stringify(requestId)}`, 'requestId');
  }
  const { owner, alias, namespace } = parseEndpointId(id);
  const origin = falUrlHost(id)?.origin ?? 'https://queue.fal.run';
  const base = [namespace, owner, alias].filter(Boolean).join('/');
  return `${origin}/${base}/requests/${encodeURIComponent(requestId)}${suffix}${query(params)}`;
}
