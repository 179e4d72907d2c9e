import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeListener } from '../adapters/nodeBridge';
import type { ProxyConfig } from '../config';
import { createProxyHandler } from '../createProxyHandler';

export type NodeProxyHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The proxy as a Node `http` request listener: `http.createServer(createNodeHandler(config))`, or called from
 * your own router for the proxy path. Bodies stream both ways; a client disconnect aborts the fal request.
 */
export function createNodeHandler(config: ProxyConfig): NodeProxyHandler {
  return nodeListener(createProxyHandler(config));
}

export { type ProxyConfig, ProxyConfigError } from '../index';
