import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeListener } from '../adapters/nodeBridge';
import type { ProxyConfig } from '../config';
import { createProxyHandler, type ProxyHandler } from '../createProxyHandler';

export interface RouteHandlers {
  GET: ProxyHandler;
  POST: ProxyHandler;
  PUT: ProxyHandler;
}

/**
 * App Router route handlers: in `app/api/fal/proxy/route.ts`,
 * `export const { GET, POST, PUT } = createRouteHandler({ allowedEndpoints: [...] })`.
 * Responses stream (SSE included), and the request's abort signal aborts the fal request.
 */
export function createRouteHandler(config: ProxyConfig): RouteHandlers {
  const handler = createProxyHandler(config);
  return { GET: handler, POST: handler, PUT: handler };
}

export type PagesProxyHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Pages Router API route: `export default createPagesRouteHandler(config)` in `pages/api/fal/proxy.ts`,
 * together with `export const config = { api: { bodyParser: false, responseLimit: false } };` (written out
 * literally: Next.js reads it statically). Bodies stream both ways; nothing is buffered.
 */
export function createPagesRouteHandler(config: ProxyConfig): PagesProxyHandler {
  return nodeListener(createProxyHandler(config));
}

export { type ProxyConfig, ProxyConfigError, type ProxyHandler } from '../index';
