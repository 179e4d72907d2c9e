/** A value or a promise of it: hooks may be sync or async. */
export type Awaitable<T> = T | Promise<T>;

/** HTTP methods the fal clients use through a proxy. */
export type ProxyMethod = 'GET' | 'POST' | 'PUT';

/** An explicit denial from `authorize`: 401 (who are you?) or 403 (not you). */
export interface ProxyDenial {
  status: 401 | 403;
  message?: string;
}

/** `true` lets the request through; `false` is a 401; a `ProxyDenial` picks the status and message. */
export type AuthorizeResult = boolean | ProxyDenial;

export type RateLimitResult = { limited: false } | { limited: true; retryAfterSeconds?: number };

export interface ProxyConfig {
  /**
   * Endpoint ID globs this proxy may call, e.g. `['fal-ai/flux/dev', 'fal-ai/flux-lora/**']` (picomatch:
   * `*` within a segment, `**` across segments, `{a,b}` alternatives). Required unless `allowAllEndpoints`.
   * Streaming (`{id}/stream`) is allowed for every allowed endpoint.
   */
  allowedEndpoints?: readonly string[];
  /** Explicitly allow every endpoint on the key's account. Off by default. */
  allowAllEndpoints?: boolean;
  /** Decide who may use the proxy (session, CSRF, plan...). Runs before anything else is looked at. */
  authorize?: (request: Request) => Awaitable<AuthorizeResult>;
  /** Optional rate limiter; a limited request gets 429 with `Retry-After`. */
  rateLimit?: (request: Request) => Awaitable<RateLimitResult>;
  /**
   * Supplies the fal key (`key` or `key_id:key_secret`) per request. Defaults to `FAL_KEY`, or
   * `FAL_KEY_ID` + `FAL_KEY_SECRET`, read from the server environment on each request.
   */
  resolveCredentials?: (request: Request) => Awaitable<string | null | undefined>;
  /** Forward a client-sent `Authorization` header instead of the server key. Off: clients never choose the key. */
  allowClientCredentials?: boolean;
  /**
   * Longest lifetime, in seconds, of a token minted through the proxy (`rest.fal.ai/tokens/`): a larger
   * or missing `token_expiration` is lowered to it, since a token outlives `authorize` and `rateLimit`.
   * Default 300 (the fal clients ask for 120).
   */
  maxTokenExpirationSeconds?: number;
  /** Largest request body forwarded, in bytes (counted while streaming). Default 10 MiB. */
  maxBodyBytes?: number;
  /** Methods accepted from clients. Default `['GET', 'POST', 'PUT']`; anything else is a 405. */
  allowedMethods?: readonly ProxyMethod[];
  /** `'fal'` (default) forwards to fal.ai; `'emulator'` forwards to `emulatorOrigin`. */
  target?: 'fal' | 'emulator';
  /**
   * Origin of a falkit emulator (e.g. `http://127.0.0.1:4000`). Requests for `https://{host}/{path}` go to
   * `{emulatorOrigin}/{host}/{path}`, and the emulator's own absolute URLs are accepted as targets.
   */
  emulatorOrigin?: string;
  /** fetch used for upstream calls (default: global fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Environment to read `FAL_KEY*` from (default: `process.env` where it exists). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Called with unexpected errors (hook failures, upstream transport errors) for logging. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The cap on a proxied token's `token_expiration` when `maxTokenExpirationSeconds` is not set. */
export const DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS = 300;
export const DEFAULT_METHODS: readonly ProxyMethod[] = ['GET', 'POST', 'PUT'];
