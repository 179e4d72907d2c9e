import { AppRegistry } from '../apps/appRegistry.js';
import { authorize } from '../auth/authorize.js';
import { fullEndpointId, parseEndpointSegments, splitPath } from '../endpointId.js';
import { ingressResponse, statusFaultResponse } from '../faults/faultResponses.js';
import type { FaultStore } from '../faults/faultStore.js';
import { jsonResponse, validationError } from '../http/jsonResponse.js';
import { toRealUrls } from '../http/realHostOrigin.js';
import { parseRoute } from '../http/routeInfo.js';
import type { RequestLog } from '../observability/requestLog.js';
import { appNotFound, invalidAppId } from '../routes/appRequest.js';
import type { EmulatorCore } from '../routes/emulatorCore.js';
import { createRealtimeContext } from './realtimeContext.js';
import { REALTIME_IMAGE_APP_IDS, realtimeImageApp } from './realtimeImageApp.js';
import { type CloseFault, RealtimeSession } from './realtimeSession.js';
import type { RealtimeHandler, RealtimeSettings, RealtimeSocket } from './realtimeTypes.js';

/** Hosts whose WebSocket upgrades are realtime sessions. */
const REALTIME_HOSTS = new Set(['fal.run', 'ws.fal.run']);

export interface RealtimeGatewayDeps {
  core: EmulatorCore;
  faults: FaultStore;
  log: RequestLog;
  speed: number;
  settings: RealtimeSettings;
  /** Register the stand-in realtime image apps. */
  builtinApps: boolean;
}

/** A live connection as the transport sees it. */
export interface RealtimeConnection {
  receive(data: Uint8Array | string): void;
  /** The peer closed or the socket failed. */
  closed(): void;
}

export type HandshakeResult =
  | { kind: 'reject'; response: Response }
  /** A `drop` fault: destroy the socket without an answer. */
  | { kind: 'drop' }
  | { kind: 'accept'; open(socket: RealtimeSocket): RealtimeConnection };

export interface RealtimeGateway {
  /** Checks an upgrade request: route, app, credentials, `max_buffering`, faults. Logs it. */
  handshake(request: Request): Promise<HandshakeResult>;
  register(id: string, handler: RealtimeHandler): void;
  unregister(id: string): void;
  /** Open sessions. */
  readonly size: number;
  /** Closes every session (code 1001). */
  closeAll(): void;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Realtime (WebSocket) sessions of one emulator (docs/protocol.md §8), independent of the socket library. */
export function createRealtimeGateway(deps: RealtimeGatewayDeps): RealtimeGateway {
  const { core, faults, log } = deps;
  const handlers = new AppRegistry();
  if (deps.builtinApps) for (const id of REALTIME_IMAGE_APP_IDS) handlers.register(id, realtimeImageApp);
  const sessions = new Set<RealtimeSession>();
  // Speed 0 means "instant", not "time out at once": the timeout then stays unscaled.
  const timeoutMs = deps.settings.sessionTimeoutMs * (deps.speed > 0 ? deps.speed : 1);

  async function decide(request: Request, note: { host: string; path: string; fault?: string }) {
    const parsed = parseRoute(request.url);
    if (parsed.kind !== 'fal' || !REALTIME_HOSTS.has(parsed.route.host)) {
      return { kind: 'reject', response: jsonResponse({ detail: 'Not Found' }, 404) } as const;
    }
    const { route, url } = parsed;
    note.host = route.host;
    note.path = route.path;
    const fault = faults.take({ host: route.host, method: 'GET', path: route.path, realtime: true });
    let closeFault: CloseFault | undefined;
    if (fault) note.fault = fault.type;
    switch (fault?.type) {
      case 'status':
        return { kind: 'reject', response: statusFaultResponse(fault, core.newRequestId()) } as const;
      case 'ingress':
        return { kind: 'reject', response: ingressResponse(fault.status) } as const;
      case 'drop':
        return { kind: 'drop' } as const;
      case 'delay':
        await delay(fault.ms);
        break;
      case 'close':
        closeFault = { code: fault.code, afterMessages: fault.afterMessages ?? 0, reason: fault.reason };
        break;
    }
    const parts = parseEndpointSegments(splitPath(route.path));
    if (!parts) return { kind: 'reject', response: invalidAppId(route.path.slice(1)) } as const;
    const id = fullEndpointId(parts);
    const segments = id.split('/');
    const namespaced = parts.namespace !== undefined;
    const realtimeMatch = handlers.find(segments, namespaced);
    const appMatch = realtimeMatch ?? core.apps.find(segments, namespaced);
    if (!appMatch) return { kind: 'reject', response: appNotFound(id) } as const;
    const denied = authorize(core, { request, route, url }, parts.alias);
    if (denied) return { kind: 'reject', response: denied } as const;
    const bufferingParam = url.searchParams.get('max_buffering');
    const buffering = bufferingParam === null ? deps.settings.defaultBuffering : Number(bufferingParam);
    if (!Number.isInteger(buffering) || buffering < 1 || buffering > 60) {
      return {
        kind: 'reject',
        response: validationError([
          {
            loc: ['query', 'max_buffering'],
            msg: 'max_buffering must be an integer between 1 and 60',
            type: 'value_error',
          },
        ]),
      } as const;
    }
    const accepted: HandshakeResult = {
      kind: 'accept',
      open(socket) {
        // A close fault may end the session inside its constructor, before `session` is assigned.
        let session: RealtimeSession | undefined;
        session = new RealtimeSession({
          socket,
          handler: appMatch.handler,
          sendEachYield: realtimeMatch !== undefined,
          buffering,
          timeoutMs,
          ...(closeFault && { closeFault }),
          newRequestId: core.newRequestId,
          createContext: (input, requestId, signal) =>
            createRealtimeContext({
              input,
              endpointId: id,
              subpath: appMatch.subpath,
              requestId,
              signal,
              request,
              storage: core.storage(),
              origin: route.origin,
              speed: deps.speed,
            }),
          onEnd: () => {
            if (session) sessions.delete(session);
          },
        });
        const opened = session;
        if (!opened.isEnded) sessions.add(opened);
        return { receive: (data) => opened.receive(data), closed: () => opened.closed() };
      },
    };
    return accepted;
  }

  return {
    async handshake(request) {
      const startedAt = Date.now();
      const time = new Date(core.now()).toISOString();
      const note: { host: string; path: string; fault?: string } = { host: '', path: '' };
      const result = await decide(request, note);
      log.record({
        method: 'GET',
        url: toRealUrls(request.url),
        host: note.host,
        path: note.path,
        status: result.kind === 'accept' ? 101 : result.kind === 'drop' ? 0 : result.response.status,
        time,
        durationMs: Date.now() - startedAt,
        ...(note.fault && { fault: note.fault }),
      });
      return result;
    },
    register: (id, handler) => handlers.register(id, handler),
    unregister: (id) => {
      handlers.unregister(id);
    },
    get size() {
      return sessions.size;
    },
    closeAll() {
      for (const session of [...sessions]) session.close();
    },
  };
}
