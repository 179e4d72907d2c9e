import { isBrowser } from '../util/runtime';
import type { RequestMiddleware } from './requestMiddleware';

export const TARGET_URL_HEADER = 'x-fal-target-url';

export interface ProxyRuntimeEnv {
  isBrowser: boolean;
}

/** `browser` (default): only where a DOM exists; `always`: every runtime; or a predicate. */
export type ProxyRuntimeGate = 'browser' | 'always' | ((env: ProxyRuntimeEnv) => boolean);

export interface ProxyUrlConfig {
  url: string;
  when?: ProxyRuntimeGate;
}

export interface RequestProxyConfig {
  targetUrl: string;
  when?: ProxyRuntimeGate;
}

export function shouldProxy(when: ProxyRuntimeGate | undefined): boolean {
  if (typeof when === 'function') return when({ isBrowser: isBrowser() });
  return when === 'always' || isBrowser();
}

/**
 * Send the request to the proxy instead, moving the real fal URL (query included) into
 * `x-fal-target-url` (docs/protocol.md §11.1). A request that already has that header is left alone.
 */
export function withProxy(config: RequestProxyConfig): RequestMiddleware {
  return async (request) => {
    const headers = request.headers ?? {};
    const hasTarget = Object.keys(headers).some((name) => name.toLowerCase() === TARGET_URL_HEADER);
    if (hasTarget || !shouldProxy(config.when)) return request;
    return { ...request, url: config.targetUrl, headers: { ...headers, [TARGET_URL_HEADER]: request.url } };
  };
}
