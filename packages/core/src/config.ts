import type { RetryConfig } from './retry/retryOptions';
import type { CredentialsResolver } from './transport/credentials';
import type { RequestMiddleware } from './transport/requestMiddleware';
import type { ProxyUrlConfig } from './transport/withProxy';

/** Attempt info passed to `onRetry` before each retry sleep. */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: unknown;
  method: string;
  /** The real fal URL being retried. */
  url: string;
}

export interface FalClientConfig {
  /**
   * A key (`FAL_KEY` format, or `id:secret`) or a sync/async function returning one. Defaults to
   * `FAL_KEY` / `FAL_KEY_ID`+`FAL_KEY_SECRET` where `process.env` exists.
   */
  credentials?: string | CredentialsResolver;
  /** Silence the warning printed when a key is used in a browser without a proxy. */
  suppressLocalCredentialsWarning?: boolean;
  /** A string applies in browsers only; `{ url, when: 'always' }` applies everywhere. */
  proxyUrl?: string | ProxyUrlConfig;
  /** Send every fal host through one origin as `{baseUrl}/{host}/{path}` (e.g. the emulator). */
  baseUrl?: string;
  /** Custom fetch (defaults to the global one, looked up at call time). */
  fetch?: typeof fetch;
  /** Retry overrides (see `RetryConfig`); `false` disables retries. */
  retry?: RetryConfig;
  /** Rewrites each request (URL, method, headers) before it is sent; runs before the proxy. */
  requestMiddleware?: RequestMiddleware;
  /** Client-side timeout in ms for `run` / `subscribe` calls that pass none. */
  defaultTimeout?: number;
  /**
   * Upload transfers this client runs at once, all entry points together (`storage.upload`, inputs
   * with files, `UploadObserver` / `useUpload` / `<FalDropZone>`): a single-file upload or one
   * multipart part holds a slot while it sends, retries included; the rest wait in FIFO order.
   * Default 3.
   */
  uploadConcurrency?: number;
  /** Called before every retry of any request made by this client, uploads included. */
  onRetry?: (info: RetryInfo) => void;
}

/** The official client's name for the config type. */
export type Config = FalClientConfig;
