import type { FalClientConfig } from '../config';
import type { FalContext, FalRequestOptions } from '../context';
import { abortReason } from '../errors/abortError';
import { errorFromResponse } from '../errors/errorFromResponse';
import { FalInputError } from '../errors/falInputError';
import { MissingCredentialsError } from '../errors/missingCredentialsError';
import type { RetryOperation } from '../retry/defaultRetryPolicies';
import { resolveRetryPolicy } from '../retry/retryOptions';
import { withRetry } from '../retry/withRetry';
import { assertPositiveInteger, createLimit } from '../util/concurrencyLimit';
import { isBrowser } from '../util/runtime';
import { assertClientTimeout } from '../validation/assertOptions';
import { credentialsFromEnv, resolveCredentials } from './credentials';
import { mapBaseUrl } from './mapBaseUrl';
import { toNetworkError } from './networkFailure';
import { withMiddleware } from './requestMiddleware';
import { TARGET_URL_HEADER, withProxy } from './withProxy';
import { callSafely } from '../util/callSafely';

export const USER_AGENT = '@falkit/core/0.1.0';
/** Upload transfers in flight per client (the documented 3), shared by every upload path. */
export const DEFAULT_UPLOAD_CONCURRENCY = 3;

let warnedAboutBrowserKey = false;

function lowerCaseHeaders(headers: Record<string, string | string[]> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** Build the `FalContext` (transport with auth, middleware, proxy, baseUrl and retries) for a config. */
export function createFalContext(
  config: FalClientConfig = {},
): Omit<FalContext, 'uploadFiles' | 'fetchWithClientToken'> {
  if (config.baseUrl !== undefined && !/^https?:\/\//i.test(config.baseUrl)) {
    throw new FalInputError(
      `must be an absolute http(s) URL, got ${JSON.stringify(config.baseUrl)}`,
      'baseUrl',
    );
  }
  if (config.fetch !== undefined && typeof config.fetch !== 'function') {
    throw new FalInputError('must be a fetch-compatible function', 'fetch');
  }
  assertClientTimeout(config.defaultTimeout, 'defaultTimeout');
  const uploadConcurrency = assertPositiveInteger(
    config.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY,
    'uploadConcurrency',
  );
  const proxy = typeof config.proxyUrl === 'string' ? { url: config.proxyUrl } : config.proxyUrl;
  const middleware = withMiddleware(
    config.requestMiddleware,
    proxy ? withProxy({ targetUrl: proxy.url, when: proxy.when }) : undefined,
  );
  // Connection failures become `NetworkError` (a `TypeError`, as fetch's own, and a `FalError`).
  const doFetch: typeof fetch = async (input, init) => {
    try {
      return await (config.fetch ?? globalThis.fetch)(input, init);
    } catch (error) {
      throw toNetworkError(error, init?.method ?? 'GET', requestUrl(input));
    }
  };
  const credentials = () => resolveCredentials(config.credentials ?? credentialsFromEnv);

  async function send(options: FalRequestOptions, method: string, body: BodyInit | null | undefined) {
    if (options.direct) {
      const sending = doFetch(mapBaseUrl(options.url, config.baseUrl), {
        method,
        headers: options.headers,
        body,
        signal: options.signal,
      });
      options.onSent?.();
      return sending;
    }
    const key = await credentials();
    const routed = await middleware({ url: options.url, method, headers: options.headers });
    const routedHeaders = lowerCaseHeaders(routed.headers);
    const proxied = TARGET_URL_HEADER in routedHeaders;
    if (key && !proxied && isBrowser() && !config.suppressLocalCredentialsWarning && !warnedAboutBrowserKey) {
      warnedAboutBrowserKey = true;
      console.warn(
        '[falkit] A fal key is used in the browser, where anyone can read it. Use `proxyUrl` with a ' +
          'server-side proxy (e.g. @falkit/proxy) instead.',
      );
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(isBrowser() ? {} : { 'user-agent': USER_AGENT }),
      ...(key ? { authorization: `Key ${key}` } : {}),
      ...routedHeaders,
    };
    const sending = doFetch(mapBaseUrl(routed.url, config.baseUrl), {
      method: routed.method,
      headers,
      body,
      signal: options.signal,
    });
    options.onSent?.();
    const response = await sending;
    if (!response.ok && !key && !proxied && (response.status === 401 || response.status === 403)) {
      const error = await errorFromResponse(response);
      throw new MissingCredentialsError({
        status: error.status,
        body: error.body,
        requestId: error.requestId,
        headers: error.headers,
      });
    }
    return response;
  }

  const context: Omit<FalContext, 'uploadFiles' | 'fetchWithClientToken'> = {
    fetch: doFetch,
    defaultTimeoutMs: config.defaultTimeout,
    credentials,
    resolveUrl: (url) => mapBaseUrl(url, config.baseUrl),
    retryPolicy: (operation: RetryOperation) => resolveRetryPolicy(operation, config.retry),

    withRetry: (request, attempt, options) =>
      withRetry(attempt, {
        ...options,
        onRetry: (notice) => {
          const { onRetry } = options;
          if (onRetry) callSafely(() => onRetry(notice));
          const { onRetry: onAnyRetry } = config;
          if (onAnyRetry)
            callSafely(() => onAnyRetry({ ...notice, method: request.method, url: request.url }));
        },
      }),
    uploadQueue: createLimit(uploadConcurrency),

    async request(options) {
      const { signal } = options;
      const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
      const method = options.method ?? (body != null ? 'POST' : 'GET');
      // A streamed body cannot be sent twice.
      const replayable = !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
      const policy = replayable ? (options.retry ?? context.retryPolicy('default')) : false;
      return context.withRetry(
        { method, url: options.url },
        async () => {
          const response = await send(options, method, body);
          if (signal?.aborted) {
            // Some fetch implementations resolve after an abort; honour the signal anyway.
            await response.body?.cancel().catch(() => {});
            throw abortReason(signal);
          }
          if (response.ok) return response;
          throw await errorFromResponse(response);
        },
        { policy, signal, retrySignal: options.retrySignal, onRetry: options.onRetry },
      );
    },
  };
  return context;
}
