/**
 * The internal seam between the client's parts. `createFalClient` and `createFalConnection` each build
 * one `FalContext` from the user's config (`createLazyContext`); every operation (run, queue, stream,
 * storage, observers) receives it instead of reaching for globals. Not exported from the package entry.
 */
import type { ClientTokenRequest } from './transport/fetchWithClientToken';
import type { RetryOperation } from './retry/defaultRetryPolicies';
import type { RetryPolicy } from './retry/retryPolicy';
import type { WithRetryOptions } from './retry/withRetry';
import type { Limit } from './util/concurrencyLimit';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface FalRequestOptions {
  method?: HttpMethod;
  /** The real fal URL (`https://queue.fal.run/...`); the context maps it to `baseUrl` / proxy. */
  url: string;
  /** JSON body; serialised by the context (mutually exclusive with `body`). */
  json?: unknown;
  /** Raw body, sent as is. */
  body?: BodyInit | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Aborts retry sleeps and stops further attempts, but never an attempt in flight: queue submit
   * uses it so that an abort cannot lose the response of a job that fal already created.
   */
  retrySignal?: AbortSignal;
  /** Retry policy for this operation; `false` disables retries. */
  retry?: RetryPolicy | false;
  /** Called before each retry sleep, so observers can expose attempt counts. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /**
   * Called each time an attempt has been handed to `fetch` (its response not yet in). Calls use it
   * to start loading the code that follows their first request, so that request never waits for it.
   */
  onSent?: () => void;
  /** Skip auth, middleware and proxy (signed upload URLs, CDN part PUTs). */
  direct?: boolean;
}

export interface FalContext {
  /** Map a real fal URL to the URL actually fetched (`baseUrl` mapping; proxy is applied in `request`). */
  resolveUrl(realUrl: string): string;
  /**
   * Send a request with credentials, request middleware, proxy rewriting and retries.
   * Resolves with the raw `Response` for 2xx; rejects with `ApiError` / `ValidationError` otherwise,
   * with `AbortError` when the signal aborts (including during retry sleeps).
   */
  request(options: FalRequestOptions): Promise<Response>;
  /** The user's (or global) fetch, unwrapped. */
  fetch: typeof fetch;
  /** Resolved credentials, or undefined when none are configured (proxy mode / public apps). */
  credentials(): Promise<string | undefined>;
  /** Default timeout in milliseconds for run/subscribe when the caller gives none. */
  defaultTimeoutMs: number | undefined;
  /** The effective retry policy of an operation (defaults overridden by the config's `retry`). */
  retryPolicy(operation: RetryOperation): RetryPolicy | false;
  /**
   * Uploads the files in an input and returns it with their URLs. The client wires it to its lazily
   * loaded storage module, so the upload code loads only when an input holds a file.
   */
  uploadFiles<T>(input: T, signal: AbortSignal | undefined): Promise<T>;
  /**
   * Client connection mode's request (a short-lived token instead of the key), wired like
   * `uploadFiles` to a lazily loaded module (see transport/fetchWithClientToken).
   */
  fetchWithClientToken(endpointId: string, url: string, request: ClientTokenRequest): Promise<Response>;
  /**
   * Runs `attempt` through the client's one retry engine (`withRetry`), calling the config's
   * `onRetry` (with `method` and `url`) before every retry. `request` uses it; so does every upload PUT.
   */
  withRetry<T>(
    request: { method: string; url: string },
    attempt: (attemptNumber: number) => Promise<T>,
    options: WithRetryOptions,
  ): Promise<T>;
  /**
   * The client's one upload queue (`uploadConcurrency`, default 3): each transfer (a single-file
   * upload, or one multipart part) holds a slot while it sends, retries included.
   */
  uploadQueue: Limit;
}
