import type { RouteInfo } from '../routeInfo.js';

export type { RouteInfo };

export type ParsedRoute =
  | { kind: 'control'; path: string; url: URL }
  | { kind: 'fal'; route: RouteInfo; url: URL }
  | { kind: 'unknown'; url: URL };

/** Prefix of the emulator's own control routes (faults, request log, jobs, reset). */
export const CONTROL_PREFIX = '/__emulator';

/** Whether a URL path addresses the control routes rather than a fal host. */
export function isControlPath(pathname: string): boolean {
  return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
}

export function parseRoute(requestUrl: string): ParsedRoute {
  const url = new URL(requestUrl);
  const pathname = url.pathname;
  if (isControlPath(pathname)) {
    return { kind: 'control', path: pathname.slice(CONTROL_PREFIX.length) || '/', url };
  }
  const slash = pathname.indexOf('/', 1);
  const host = decodeURIComponent(slash === -1 ? pathname.slice(1) : pathname.slice(1, slash)).toLowerCase();
  // A host has a dot (fal.run, queue.fal.run, v3.fal.media); anything else is not a fal URL.
  if (!host.includes('.')) return { kind: 'unknown', url };
  const path = slash === -1 ? '/' : pathname.slice(slash);
  return { kind: 'fal', url, route: { host, path, search: url.search, origin: url.origin } };
}

/** Builds the emulator URL that serves `https://{host}{path}`. */
export function publicUrl(origin: string, host: string, path: string): string {
  return `${origin}/${host}${path.startsWith('/') ? path : `/${path}`}`;
}
