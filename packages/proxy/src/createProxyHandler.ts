import { BodyTooLargeError, limitBody, readLimited } from './bodyLimit';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS,
  DEFAULT_METHODS,
  type ProxyConfig,
  type ProxyDenial,
} from './config';
import { resolveAuthorization } from './credentials';
import { allowAllEndpoints, createEndpointAllowList, type EndpointAllowList } from './endpointAllowList';
import { ProxyConfigError, proxyErrorResponse, type Refusal, refuse } from './errors';
import { clientResponseHeaders, upstreamRequestHeaders } from './forwardedHeaders';
import { checkRoute } from './targetRoute';
import { type FalTarget, parseTargetUrl } from './targetUrl';

/** A web-standard request handler: works as-is in Next.js App Router, Hono, Bun, Deno and workers. */
export type ProxyHandler = (request: Request) => Promise<Response>;

const TOKEN_BODY_LIMIT = 64 * 1024;

/**
 * Creates the proxy route. Clients send their fal request to this route with the real fal URL in
 * `x-fal-target-url`; the handler checks it, adds the server's key and streams the exchange through.
 *
 * @throws ProxyConfigError when the configuration is unsafe (no allow-list, bad emulator origin...).
 */
export function createProxyHandler(config: ProxyConfig): ProxyHandler {
  const settings = normalizeConfig(config);
  const fetchUpstream = config.fetch ?? ((request: Request) => fetch(request));

  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      config.onError?.(error);
      return proxyErrorResponse(500, 'internal_error', 'The fal proxy failed unexpectedly.');
    }
  };

  async function handle(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    if (!(settings.methods as readonly string[]).includes(method)) {
      return proxyErrorResponse(405, 'method_not_allowed', `${method} is not allowed on the fal proxy.`, {
        allow: settings.methods.join(', '),
      });
    }

    if (config.authorize) {
      const verdict: unknown = await config.authorize(request);
      if (verdict !== true) {
        // Fail closed: anything but `true` denies, and a malformed answer is reported as a bug.
        if (verdict !== false && !isDenial(verdict)) {
          throw new TypeError('authorize must return true, false or { status: 401 | 403, message? }.');
        }
        const status = verdict === false ? 401 : verdict.status;
        const message = (verdict !== false && verdict.message) || 'Not authorized to use the fal proxy.';
        return proxyErrorResponse(status, status === 403 ? 'forbidden' : 'unauthorized', message);
      }
    }

    if (config.rateLimit) {
      const limit = await config.rateLimit(request);
      if (limit.limited) {
        const retry = limit.retryAfterSeconds;
        return proxyErrorResponse(
          429,
          'rate_limited',
          'Too many requests to the fal proxy.',
          retry === undefined ? {} : { 'retry-after': String(Math.max(0, Math.ceil(retry))) },
        );
      }
    }

    const target = parseTargetUrl(request.headers.get('x-fal-target-url'), settings.emulatorOrigin);
    if (!target.ok) return refusalResponse(target);
    const route = checkRoute(target, method, settings.allowList);
    if (!route.ok) return refusalResponse(route);

    const authorization = await resolveAuthorization(config, request);
    if (authorization === undefined) {
      return proxyErrorResponse(
        500,
        'missing_credentials',
        'The fal proxy has no credentials: set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) on the server, or pass resolveCredentials.',
      );
    }

    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > settings.maxBodyBytes) return tooLarge(settings.maxBodyBytes);

    let body: ReadableStream<Uint8Array> | Uint8Array | null = null;
    if (route.kind === 'token') {
      const checked = await checkTokenRequest(request.body, settings);
      if (!checked.ok) return refusalResponse(checked);
      body = checked.bytes;
    } else if (method !== 'GET' && request.body) {
      body = limitBody(request.body, settings.maxBodyBytes);
    }

    const upstreamRequest = new Request(upstreamUrl(target, settings.emulatorOrigin), {
      method,
      headers: upstreamRequestHeaders(request.headers, authorization),
      body,
      redirect: 'manual',
      signal: request.signal,
      // Node's fetch needs this to send a streaming body; other runtimes ignore it.
      duplex: 'half',
    } as RequestInit);

    let upstream: Response;
    try {
      upstream = await fetchUpstream(upstreamRequest);
    } catch (error) {
      if (isBodyTooLarge(error)) return tooLarge(settings.maxBodyBytes);
      // Nobody is listening any more; not an error worth reporting.
      if (request.signal.aborted) {
        return proxyErrorResponse(499, 'client_disconnected', 'The client went away before fal answered.');
      }
      config.onError?.(error);
      if ((route.kind === 'run' || route.kind === 'queue-submit') && !neverConnected(error)) {
        // The body may have reached fal and started (billed) work. A 502 would be retried by
        // @fal-ai/client (it retries 429/502/503/504), submitting the job twice: answer outside that set.
        return proxyErrorResponse(
          500,
          'upstream_outcome_unknown',
          'The connection to fal failed after the request was sent: it may have been accepted. Not retried, to avoid running it twice.',
        );
      }
      return proxyErrorResponse(502, 'upstream_unreachable', 'The fal proxy could not reach fal.');
    }

    if (upstream.status >= 300 && upstream.status < 400) {
      // Following (or handing the client) a redirect would send the key or the client somewhere unchecked.
      await upstream.body?.cancel().catch(() => {});
      return proxyErrorResponse(
        502,
        'upstream_redirect',
        'fal answered with a redirect, which the proxy does not follow.',
      );
    }

    return new Response(upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: clientResponseHeaders(upstream.headers),
    });
  }
}

interface Settings {
  allowList: EndpointAllowList;
  methods: readonly string[];
  maxTokenExpirationSeconds: number;
  maxBodyBytes: number;
  emulatorOrigin: string | undefined;
}

function normalizeConfig(config: ProxyConfig): Settings {
  if (config === null || typeof config !== 'object') {
    throw new ProxyConfigError('createProxyHandler needs a configuration object with allowedEndpoints.');
  }
  let allowList: EndpointAllowList;
  if (config.allowAllEndpoints === true) {
    allowList = allowAllEndpoints();
  } else if (config.allowedEndpoints === undefined) {
    throw new ProxyConfigError(
      'The fal proxy needs an allow-list: pass allowedEndpoints (e.g. ["fal-ai/flux/dev"]), or set allowAllEndpoints: true to let any caller use every endpoint on your key.',
    );
  } else if (!Array.isArray(config.allowedEndpoints) || config.allowedEndpoints.length === 0) {
    throw new ProxyConfigError(
      'allowedEndpoints is empty, so the proxy could call nothing: list the endpoints it may use.',
    );
  } else {
    allowList = createEndpointAllowList(config.allowedEndpoints);
  }

  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new ProxyConfigError('maxBodyBytes must be a non-negative integer number of bytes.');
  }

  const maxTokenExpirationSeconds = config.maxTokenExpirationSeconds ?? DEFAULT_MAX_TOKEN_EXPIRATION_SECONDS;
  if (!Number.isSafeInteger(maxTokenExpirationSeconds) || maxTokenExpirationSeconds <= 0) {
    throw new ProxyConfigError('maxTokenExpirationSeconds must be a positive integer number of seconds.');
  }

  const methods = config.allowedMethods ?? DEFAULT_METHODS;
  for (const method of methods) {
    if (!DEFAULT_METHODS.includes(method)) {
      throw new ProxyConfigError(
        `allowedMethods: ${String(method)} is not used by fal clients (use GET, POST, PUT).`,
      );
    }
  }

  if (config.target !== undefined && config.target !== 'fal' && config.target !== 'emulator') {
    throw new ProxyConfigError(`target must be 'fal' or 'emulator', not ${String(config.target)}.`);
  }
  if (config.target === 'emulator' && !config.emulatorOrigin) {
    throw new ProxyConfigError("target: 'emulator' needs emulatorOrigin, e.g. 'http://127.0.0.1:4000'.");
  }
  if (config.target === 'fal' && config.emulatorOrigin) {
    throw new ProxyConfigError("emulatorOrigin was given with target: 'fal'; pick one backend.");
  }

  return {
    allowList,
    maxTokenExpirationSeconds,
    methods,
    maxBodyBytes,
    emulatorOrigin: config.emulatorOrigin ? parseEmulatorOrigin(config.emulatorOrigin) : undefined,
  };
}

function parseEmulatorOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ProxyConfigError(`emulatorOrigin "${origin}" is not a URL; use e.g. 'http://127.0.0.1:4000'.`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new ProxyConfigError(`emulatorOrigin "${origin}" must be a plain http(s) origin.`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ProxyConfigError(`emulatorOrigin "${origin}" must be an origin only, without a path.`);
  }
  return url.origin;
}

function upstreamUrl(target: FalTarget, emulatorOrigin: string | undefined): string {
  if (emulatorOrigin === undefined) return target.url.href;
  return `${emulatorOrigin}/${target.host}${target.url.pathname}${target.url.search}`;
}

/**
 * A token lets the browser call fal directly (realtime, client-mode streams), so it may only name apps that
 * the allow-list names with their owner (otherwise a token would be a way around the allow-list), and it
 * may not live longer than `maxTokenExpirationSeconds` (it outlives `authorize` and `rateLimit`).
 */
async function checkTokenRequest(
  body: ReadableStream<Uint8Array> | null,
  settings: Settings,
): Promise<{ ok: true; bytes: Uint8Array } | Refusal> {
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(body, TOKEN_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return { ok: false, status: 413, code: 'body_too_large', message: error.message };
    }
    throw error;
  }
  let parsed: { allowed_apps?: unknown; token_expiration?: unknown } | undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    parsed = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    parsed = undefined;
  }
  const apps = parsed?.allowed_apps;
  if (!Array.isArray(apps) || apps.length === 0 || !apps.every((a) => typeof a === 'string' && a !== '')) {
    return refuse(400, 'invalid_body', 'Token requests need a non-empty allowed_apps list.');
  }
  const expiration = parsed!.token_expiration;
  if (expiration !== undefined && !(typeof expiration === 'number' && expiration > 0)) {
    return refuse(400, 'invalid_body', 'token_expiration must be a positive number of seconds.');
  }
  const denied = (apps as string[]).find((alias) => !settings.allowList.allowsToken(alias));
  if (denied !== undefined) {
    return refuse(
      403,
      'endpoint_not_allowed',
      `A token for app "${denied}" was refused: a token names only the app, so allowedEndpoints must name it with its owner (e.g. "fal-ai/${denied}/**"); wildcards such as "fal-ai/*" do not grant tokens.`,
    );
  }
  const cap = settings.maxTokenExpirationSeconds;
  if (expiration !== undefined && expiration <= cap) return { ok: true, bytes };
  // Re-encoded only when lowered: otherwise the body goes out byte for byte.
  return { ok: true, bytes: new TextEncoder().encode(JSON.stringify({ ...parsed, token_expiration: cap })) };
}

function isDenial(value: unknown): value is ProxyDenial {
  const status = (value as ProxyDenial | null)?.status;
  return typeof value === 'object' && (status === 401 || status === 403);
}

function refusalResponse(refusal: Refusal): Response {
  return proxyErrorResponse(refusal.status, refusal.code, refusal.message);
}

function tooLarge(limit: number): Response {
  return proxyErrorResponse(
    413,
    'body_too_large',
    `Request body is larger than the proxy's ${limit}-byte limit.`,
  );
}

/** Connection-phase failures: the request never left, so nothing can have been accepted. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function neverConnected(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED_CODES.has(code)) return true;
    // Several addresses tried (happy eyeballs): every one refused.
    if (
      e instanceof AggregateError &&
      e.errors.length > 0 &&
      e.errors.every((inner) => neverConnected(inner))
    )
      return true;
  }
  return false;
}

function isBodyTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof BodyTooLargeError) return true;
  }
  return false;
}
