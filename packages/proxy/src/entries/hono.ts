import type { ProxyConfig } from '../config';
import { createProxyHandler } from '../createProxyHandler';

/** Structural Hono handler type (`c.req.raw` is the web Request), so this entry does not import Hono. */
export type HonoProxyHandler = (c: { req: { raw: Request } }) => Promise<Response>;

/** The proxy as a Hono handler: `app.all('/api/fal/proxy', createHonoHandler(config))`. */
export function createHonoHandler(config: ProxyConfig): HonoProxyHandler {
  const handler = createProxyHandler(config);
  return (c) => handler(c.req.raw);
}

export { type ProxyConfig, ProxyConfigError } from '../index';
