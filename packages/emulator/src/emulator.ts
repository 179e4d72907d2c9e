import { AppRegistry } from './apps/appRegistry.js';
import type { AppHandler } from './apps/appTypes.js';
import { registerBuiltinApps } from './apps/builtinApps.js';
import { executeApp } from './apps/executeApp.js';
import { authorize } from './auth/authorize.js';
import { parseEndpointSegments, splitPath } from './endpointId.js';
import { TokenStore } from './auth/tokenStore.js';
import { ingressResponse, statusFaultResponse } from './faults/faultResponses.js';
import { FaultStore } from './faults/faultStore.js';
import type { Fault, FaultSpec, StreamFault } from './faults/faultTypes.js';
import { ConnectionDropped, isConnectionDropped } from './http/connectionDropped.js';
import { preflightResponse, withCors } from './http/cors.js';
import { jsonResponse, platformError } from './http/jsonResponse.js';
import { toRealUrls } from './http/realHostOrigin.js';
import { isControlPath, parseRoute } from './http/routeInfo.js';
import { type SseStream, createSseStream } from './http/sseStream.js';
import { RequestLog, type RequestLogEntry } from './observability/requestLog.js';
import type { Job } from './queue/job.js';
import { type JobInfo, toJobInfo } from './queue/jobInfo.js';
import { JobQueue } from './queue/jobQueue.js';
import { createRealtimeGateway } from './realtime/realtimeGateway.js';
import type { RealtimeConnection } from './realtime/realtimeGateway.js';
import type { RealtimeHandler, RealtimeSocket } from './realtime/realtimeTypes.js';
import { handleControlRequest } from './routes/controlRoutes.js';
import type { EmulatorCore, RequestScope } from './routes/emulatorCore.js';
import { handleQueueRequest } from './routes/queueRoutes.js';
import { handleRunRequest } from './routes/runRoutes.js';
import { handleTokenRequest } from './routes/tokenRoutes.js';
import { type Storage, createStorage } from './storage/storage.js';
import { type RecordOptions, type Recorder, createRecorder } from './record/recorder.js';
import { type ReplayOptions, type Replayer, createReplayer } from './record/replayer.js';
import { isFileHost } from './record/recording.js';
import {
  type UrlForm,
  isUrlForm,
  toRealHostRequest,
  toRealHostResponse,
  withRealHostUrls,
} from './urls/urlForm.js';
import { type WebhookSender, createWebhookSender } from './webhooks/webhookSender.js';

export interface EmulatorOptions {
  /** Jobs that run at once; the rest wait in the queue with real positions. Default 2. */
  workers?: number;
  /** Multiplier for how long apps take: 1 = realistic, 0.1 = ten times faster, 0 = instant. Default 1. */
  speed?: number;
  /** When set, requests need `Authorization: Key <key>` (or a valid `fal_jwt_token`). Default: anything goes. */
  key?: string;
  /** fetch used to deliver webhooks. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Clock in epoch ms (timestamps, result retention, file expiry, token expiry). Default `Date.now`. */
  now?: () => number;
  /** Largest accepted JSON input, in bytes; larger bodies get 413. Default 50 MiB. */
  maxBodyBytes?: number;
  /** Largest upload request body (signed PUT, multipart part, CDN-token upload); 413 past it. Default 100 MiB. */
  maxUploadBytes?: number;
  /** Interval of SSE keep-alive comments in ms. Default 15000, as fal. */
  keepAliveMs?: number;
  /** Register the stand-in apps (`fal-ai/fast-sdxl`, `falkit/echo`, …). Default true. */
  builtinApps?: boolean;
  /** Realtime: quiet time before `x-fal-error` TIMEOUT and a close, in ms (scaled by `speed` when > 0). Default 60000. */
  realtimeTimeoutMs?: number;
  /** Realtime: inputs buffered per connection when the URL has no `max_buffering`. Default 5. */
  realtimeBuffering?: number;
  /**
   * Form of the absolute URLs in responses (files, uploads, queue URLs): `'emulator'` (default)
   * answers `{origin}/{host}/{path}`, which a browser loads directly; `'real'` answers
   * `https://{host}/{path}` as fal does, for Node clients whose `fetch` maps fal hosts to the
   * emulator (the Vercel AI SDK refuses loopback URLs). Both are served at `{origin}/{host}/{path}`.
   */
  urls?: UrlForm;
  /**
   * Record mode (Node): forward every fal request to `upstream` (default fal.ai) with `key`, answer
   * with its responses, and write each run, stream and queue request to the `cassette` directory.
   */
  record?: RecordOptions;
  /**
   * Replay mode: answer run, stream and queue requests from a cassette with the recorded timing
   * (times `speed`); unrecorded requests get 404 `replay_miss` (or the stand-ins, `onMiss: 'stand-ins'`).
   */
  replay?: ReplayOptions;
}

export interface AppOptions {
  /** Answers WebSocket (realtime) inputs; without it the app's HTTP handler answers each input. */
  realtime?: RealtimeHandler;
}

export interface ListenOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** URL form for this server's responses. Default: the emulator's `urls` option. */
  urls?: UrlForm;
}

export interface ListeningEmulator {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface EmulatorFaults {
  add(spec: FaultSpec): Fault;
  remove(id: string): boolean;
  clear(): void;
  list(): Fault[];
}

export interface Emulator {
  /** Web-standard handler: give it `{origin}/{host}/{path}` requests. */
  fetch(request: Request): Promise<Response>;
  /** Serves the emulator over HTTP (Node only; the server code is loaded on demand). */
  listen(options?: ListenOptions): Promise<ListeningEmulator>;
  /** Registers (or replaces) an app; returns a function that removes it. */
  app(id: string, handler: AppHandler, options?: AppOptions): () => void;
  readonly faults: EmulatorFaults;
  /** The request log, oldest first. */
  requests(): RequestLogEntry[];
  clearRequests(): void;
  jobs(): JobInfo[];
  /**
   * Opens a realtime session for a WebSocket handshake `request` on any transport (`listen` and the
   * msw `ws` handlers use it): resolves with the connection to feed frames into, the refusal
   * `Response`, or `undefined` when a `drop` fault swallows it.
   */
  openRealtime(request: Request, socket: RealtimeSocket): Promise<RealtimeConnection | Response | undefined>;
  /** In-flight requests plus open SSE streams and realtime WebSockets. */
  openConnections(): number;
  readonly storage: Storage;
  readonly webhooks: WebhookSender;
  /** Cancels every job and clears faults, the request log, jobs, tokens and stored files. */
  reset(): void;
  /** Cancels jobs, ends open streams and closes every server started by `listen`. */
  close(): Promise<void>;
}

/** The package's own Node entry, imported by name (a self-reference) only when `listen` is called. */
const NODE_ENTRY = '@falkit/emulator/node';

function loadNodeEntry(): Promise<typeof import('./entries/node.js')> {
  // An opaque specifier keeps node: modules out of browser bundles (msw in the browser imports this file).
  return import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_ENTRY) as Promise<
    typeof import('./entries/node.js')
  >;
}

/** Routes decode path segments; a broken `%` escape is the caller's error, not a crash. */
function hasValidEscapes(url: string): boolean {
  try {
    decodeURIComponent(new URL(url).pathname);
    return true;
  } catch {
    return false;
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Creates an in-memory fal service. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const workers = positiveInteger(options.workers ?? 2, 'workers');
  const speed = options.speed ?? 1;
  if (!(typeof speed === 'number' && speed >= 0 && Number.isFinite(speed))) {
    throw new TypeError(`speed must be a finite number >= 0, got ${speed}`);
  }
  if (options.key !== undefined && options.key === '') throw new TypeError('key must not be empty');
  const urlForm = options.urls ?? 'emulator';
  if (!isUrlForm(urlForm)) throw new TypeError(`urls must be 'emulator' or 'real', got ${String(urlForm)}`);
  const now = options.now ?? Date.now;
  const keepAliveMs = options.keepAliveMs ?? 15_000;

  const apps = new AppRegistry();
  if (options.builtinApps !== false) registerBuiltinApps(apps);
  const faults = new FaultStore();
  const log = new RequestLog();
  const tokens = new TokenStore(now);
  let storage = createStorage({ now, maxUploadBytes: options.maxUploadBytes });
  const webhooks = createWebhookSender({ ...(options.fetch && { fetch: options.fetch }), now });
  const streams = new Set<SseStream>();
  const servers = new Set<ListeningEmulator>();
  let inFlight = 0;

  const deliverWebhook = (job: Job) => {
    if (!job.webhookUrl || !job.result) return;
    const failed = job.result.status >= 400;
    void webhooks.deliver(job.webhookUrl, {
      request_id: job.id,
      gateway_request_id: job.id,
      status: failed ? 'ERROR' : 'OK',
      payload: withRealHostUrls(job.result.payload),
      ...(failed && { error: `Invalid status code: ${job.result.status}` }),
    });
  };

  const queue = new JobQueue({
    workers,
    now,
    execute: (job) =>
      executeApp(job, job.app.handler, job.app.subpath, { storage: () => storage, speed, now }),
    onFinished: deliverWebhook,
  });

  const core: EmulatorCore = {
    apps,
    queue,
    tokens,
    storage: () => storage,
    key: options.key,
    maxBodyBytes: options.maxBodyBytes ?? 50 * 1024 * 1024,
    now,
    newRequestId: () => crypto.randomUUID(),
    openSse(scope, onEnd) {
      const inner = createSseStream({
        keepAliveMs,
        onEnd: () => {
          streams.delete(inner);
          onEnd?.();
        },
      });
      streams.add(inner);
      return scope.streamFault ? withStreamFault(inner, scope.streamFault) : inner;
    },
  };

  const realtime = createRealtimeGateway({
    core,
    faults,
    log,
    speed,
    settings: {
      sessionTimeoutMs: options.realtimeTimeoutMs ?? 60_000,
      defaultBuffering: options.realtimeBuffering ?? 5,
    },
    builtinApps: options.builtinApps !== false,
  });

  async function route(scope: RequestScope): Promise<Response> {
    const { host, path } = scope.route;
    const isRest = host === 'rest.fal.ai' || host === 'rest.alpha.fal.ai';
    if (isRest && path.startsWith('/storage/')) {
      const denied = authorize(core, scope, undefined);
      if (denied) return denied;
    }
    const stored = await storage.handle(scope.request, scope.route);
    if (stored) return stored;
    const webhookRoute = await webhooks.handle(scope.request, scope.route);
    if (webhookRoute) return webhookRoute;
    if (host === 'fal.run') return handleRunRequest(core, scope);
    if (host === 'queue.fal.run' || host === 'queue.falrun.com') return handleQueueRequest(core, scope);
    if (isRest && /^\/tokens\/?$/.test(path)) return handleTokenRequest(core, scope);
    return jsonResponse({ detail: 'Not Found' }, 404);
  }

  if (options.record && options.replay) throw new TypeError('record and replay cannot be combined');
  const recorder: Recorder | undefined =
    options.record && createRecorder(options.record, async () => (await loadNodeEntry()).writeRecording);
  const replayer: Replayer | undefined =
    options.replay &&
    createReplayer(options.replay, {
      speed,
      now,
      newRequestId: core.newRequestId,
      openSse: (scope, onEnd) => core.openSse(scope, onEnd),
      loadCassette: async (dir) => (await loadNodeEntry()).loadCassette(dir),
    });

  /**
   * Record and replay answer before the routes, so the emulator's own key is checked here: a
   * recorder must not spend the upstream key for whoever reaches it. Files stay public (uploads
   * carry their own signature or token); in record mode a `fal_jwt_token` is the upstream's to check.
   */
  function deniedBeforeRecordOrReplay(scope: RequestScope): Response | undefined {
    const { host, path } = scope.route;
    if (isFileHost(host)) return undefined;
    if (recorder && scope.url.searchParams.has('fal_jwt_token')) return undefined;
    if (!recorder && host !== 'fal.run' && !host.startsWith('queue.')) return undefined; // the routes check
    return authorize(core, scope, parseEndpointSegments(splitPath(path))?.alias);
  }

  /** Record mode forwards everything; replay answers what the cassette holds; the rest is ours. */
  async function serve(scope: RequestScope): Promise<Response> {
    if (recorder || replayer) {
      const denied = deniedBeforeRecordOrReplay(scope);
      if (denied) return denied;
    }
    if (recorder) return recorder.handle(scope);
    return (await replayer?.handle(scope)) ?? route(scope);
  }

  async function dispatch(
    request: Request,
    entry: { host: string; path: string; fault?: string },
  ): Promise<Response> {
    if (request.method === 'OPTIONS') return preflightResponse(request);
    if (!hasValidEscapes(request.url))
      return platformError(400, 'Malformed percent-encoding in URL path', 'bad_request');
    const parsed = parseRoute(request.url);
    if (parsed.kind === 'control') return handleControlRequest(control, request, parsed.path);
    if (parsed.kind === 'unknown') {
      return jsonResponse(
        {
          detail: `Not Found: the emulator serves https://{host}/{path} at ${parsed.url.origin}/{host}/{path}`,
        },
        404,
      );
    }
    entry.host = parsed.route.host;
    entry.path = parsed.route.path;
    const scope: RequestScope = { request, route: parsed.route, url: parsed.url };
    const fault = faults.take({ host: parsed.route.host, method: request.method, path: parsed.route.path });
    if (fault) entry.fault = fault.type;
    switch (fault?.type) {
      case 'status':
        return statusFaultResponse(fault, core.newRequestId());
      case 'ingress':
        return ingressResponse(fault.status);
      case 'delay':
        await delay(fault.ms, request.signal);
        break;
      case 'drop':
        if (fault.after) {
          const response = await serve(scope);
          await response.body?.cancel().catch(() => {});
        }
        throw new ConnectionDropped();
      case 'truncate':
        scope.streamFault = {
          type: 'truncate',
          afterEvents: fault.afterEvents,
          abrupt: fault.abrupt === true,
        };
        break;
      case 'corrupt':
        scope.streamFault = { type: 'corrupt', afterEvents: fault.afterEvents };
        break;
    }
    return serve(scope);
  }

  async function handle(request: Request): Promise<Response> {
    const startedAt = Date.now();
    const time = new Date(now()).toISOString();
    const entry: { host: string; path: string; fault?: string } = { host: '', path: '' };
    // Control requests are the test looking on: neither logged nor counted as open connections.
    const counted = !isControlPath(new URL(request.url).pathname);
    const record = (status: number, response?: Response) => {
      const requestId = response?.headers.get('x-fal-request-id');
      if (entry.host === '' && !counted) return;
      log.record({
        method: request.method,
        url: toRealUrls(request.url),
        host: entry.host,
        path: entry.path,
        status,
        time,
        durationMs: Date.now() - startedAt,
        ...(requestId && { requestId }),
        ...(entry.fault && { fault: entry.fault }),
      });
    };
    if (counted) inFlight++;
    try {
      const response = await dispatch(request, entry);
      record(response.status, response);
      return withCors(response, request);
    } catch (error) {
      if (isConnectionDropped(error)) {
        record(0);
        throw error;
      }
      // Whatever went wrong, answer (and stay up) rather than crash the server.
      const response = platformError(
        500,
        `Emulator error: ${error instanceof Error ? error.message : String(error)}`,
        'internal_error',
      );
      record(500, response);
      return withCors(response, request);
    } finally {
      if (counted) inFlight--;
    }
  }

  /** The handler for one URL form: in `'real'` form, fal routes answer with `https://{host}` URLs. */
  function handlerFor(form: UrlForm): (request: Request) => Promise<Response> {
    if (form === 'emulator') return handle;
    return async (request) => {
      const url = new URL(request.url);
      if (isControlPath(url.pathname)) return handle(request);
      return toRealHostResponse(await handle(toRealHostRequest(request, `${url.pathname}${url.search}`)));
    };
  }
  const defaultHandler = handlerFor(urlForm);

  const faultApi: EmulatorFaults = {
    add: (spec) => faults.add(spec),
    remove: (id) => faults.remove(id),
    clear: () => faults.clear(),
    list: () => faults.list(),
  };

  const reset = () => {
    queue.clear();
    faults.clear();
    log.clear();
    tokens.clear();
    for (const stream of [...streams]) stream.close();
    realtime.closeAll();
    storage = createStorage({ now, maxUploadBytes: options.maxUploadBytes });
  };

  const control = {
    addFault: faultApi.add,
    removeFault: faultApi.remove,
    clearFaults: faultApi.clear,
    listFaults: faultApi.list,
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    jobs: () => queue.list().map((job) => toJobInfo(job, queue)),
    openConnections: () => inFlight + streams.size + realtime.size,
    reset,
    key: options.key,
    maxBodyBytes: core.maxBodyBytes,
    info: () => ({
      name: 'falkit-emulator',
      workers,
      speed,
      auth: options.key !== undefined,
      apps: apps.ids(),
    }),
  };

  return {
    fetch: defaultHandler,
    async listen({ urls, ...listenOptions } = {}) {
      if (urls !== undefined && !isUrlForm(urls))
        throw new TypeError(`urls must be 'emulator' or 'real', got ${String(urls)}`);
      const { startNodeServer, createRealtimeUpgrade } = await loadNodeEntry();
      const server = await startNodeServer(urls === undefined ? defaultHandler : handlerFor(urls), {
        ...listenOptions,
        upgrade: createRealtimeUpgrade(realtime),
      });
      const tracked: ListeningEmulator = {
        ...server,
        close: async () => {
          servers.delete(tracked);
          await server.close();
        },
      };
      servers.add(tracked);
      return tracked;
    },
    app(id, handler, appOptions) {
      apps.register(id, handler);
      if (appOptions?.realtime) realtime.register(id, appOptions.realtime);
      else realtime.unregister(id);
      return () => {
        apps.unregister(id);
        if (appOptions?.realtime) realtime.unregister(id);
      };
    },
    faults: faultApi,
    requests: control.requests,
    clearRequests: control.clearRequests,
    jobs: control.jobs,
    async openRealtime(request, socket) {
      const result = await realtime.handshake(request);
      if (result.kind === 'accept') return result.open(socket);
      return result.kind === 'reject' ? result.response : undefined;
    },
    openConnections: control.openConnections,
    get storage() {
      return storage;
    },
    webhooks,
    reset,
    async close() {
      replayer?.close();
      await recorder?.idle();
      queue.clear();
      for (const stream of [...streams]) stream.close();
      realtime.closeAll();
      webhooks.close();
      await Promise.all([...servers].map((server) => server.close()));
    },
  };
}

/** Applies a truncate/corrupt fault to an SSE stream once `afterEvents` events have gone out. */
function withStreamFault(inner: SseStream, fault: StreamFault): SseStream {
  let sent = 0;
  const trip = () => {
    if (fault.type === 'corrupt') {
      inner.sendRaw('{"status": "IN_PROGRESS", "logs": [{"mess');
      inner.close();
    } else if (fault.abrupt) inner.abort(new Error('stream truncated by fault'));
    else inner.close();
  };
  return {
    get body() {
      return inner.body;
    },
    get closed() {
      return inner.closed;
    },
    send(data) {
      if (inner.closed) return false;
      if (sent >= fault.afterEvents) {
        trip();
        return false;
      }
      sent++;
      return inner.send(data);
    },
    sendRaw: (text) => inner.sendRaw(text),
    comment: (text) => inner.comment(text),
    close: () => inner.close(),
    abort: (reason) => inner.abort(reason),
  };
}
