export { createProxyHandler, type ProxyHandler } from './createProxyHandler';
export type {
  AuthorizeResult,
  Awaitable,
  ProxyConfig,
  ProxyDenial,
  ProxyMethod,
  RateLimitResult,
} from './config';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS } from './config';
export { ProxyConfigError, type ProxyErrorCode } from './errors';
export { FAL_HOSTS, type FalHost } from './falHosts';
export {
  type FalWebhookBody,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookFailureReason,
  type WebhookVerification,
} from './webhooks/verifyWebhook';
export { FAL_WEBHOOK_JWKS_URL } from './webhooks/jwksCache';
