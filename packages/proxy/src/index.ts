export { createProxyHandler, type ProxyHandler } from './createProxyHandler';
export type {
  AuthorizeResult,
  Awaitable,
  ProxyConfig,
  ProxyDenial,
  ProxyMethod,
  RateLimitResult,
} from './config';
export { DEFAULT_MAX_BODY_BYTES } from './config';
export { ProxyConfigError, type ProxyErrorCode } from './errors';
export { FAL_HOSTS, type FalHost } from './falHosts';
