import type { IncomingMessage, ServerResponse } from 'node:http';
import { runOnNode } from '../adapters/nodeBridge';
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
  const handler = createProxyHandler(config);
  return async (req, res) => {
    try {
      await runOnNode(handler, req, res);
    } catch {
      if (res.headersSent) res.destroy();
      else {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            error_type: 'proxy_internal_error',
            message: 'The fal proxy failed unexpectedly.',
          }),
        );
      }
    }
  };
}

export { type ProxyConfig, ProxyConfigError, type ProxyHandler } from '../index';
