import type { IncomingMessage, ServerResponse } from 'node:http';
import { runOnNode } from '../adapters/nodeBridge';
import type { ProxyConfig } from '../config';
import { createProxyHandler } from '../createProxyHandler';

/** Structural Express middleware type, so this entry needs no Express types at runtime. */
export type ExpressProxyMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => Promise<void>;

/**
 * The proxy as Express (4 or 5) middleware: `app.all('/api/fal/proxy', createExpressMiddleware(config))`.
 * Mount it before `express.json()` (or exclude its path), so bodies stream through unparsed; `express.raw()`
 * and `express.text()` bodies are forwarded as-is. Refusals carry their real status codes (400/401/403/413...);
 * unexpected errors go to `next(error)`.
 */
export function createExpressMiddleware(config: ProxyConfig): ExpressProxyMiddleware {
  const handler = createProxyHandler(config);
  return async (req, res, next) => {
    try {
      await runOnNode(handler, req, res);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else next(error);
    }
  };
}

export { type ProxyConfig, ProxyConfigError } from '../index';
