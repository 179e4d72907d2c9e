import type { IncomingMessage, ServerResponse } from 'node:http';
import { runOnNode } from '../adapters/nodeBridge';
import type { ProxyConfig } from '../config';
import { createProxyHandler } from '../createProxyHandler';

export type NodeProxyHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The proxy as a Node `http` request listener: `http.createServer(createNodeHandler(config))`, or called from
 * your own router for the proxy path. Bodies stream both ways; a client disconnect aborts the fal request.
 */
export function createNodeHandler(config: ProxyConfig): NodeProxyHandler {
  const handler = createProxyHandler(config);
  return async (req, res) => {
    try {
      await runOnNode(handler, req, res);
    } catch {
      // runOnNode only throws before a response started; never leave the client hanging.
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            error_type: 'proxy_internal_error',
            message: 'The fal proxy failed unexpectedly.',
          }),
        );
      } else res.destroy();
    }
  };
}

export { type ProxyConfig, ProxyConfigError } from '../index';
