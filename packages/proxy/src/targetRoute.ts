import type { EndpointAllowList } from './endpointAllowList';
import { type Refusal, refuse } from './errors';
import { CDN_ROUTES, REST_ROUTES } from './falHosts';
import type { FalTarget } from './targetUrl';

/** What a proxied request does at fal, which decides the checks it must pass. */
export type RouteKind =
  | 'run'
  | 'queue-submit'
  | 'queue-read'
  | 'queue-cancel'
  | 'token'
  | 'storage'
  | 'cdn-upload';

export interface AllowedRoute {
  ok: true;
  kind: RouteKind;
}

const QUEUE_REQUEST =
  /^(?:(workflows|comfy)\/)?([^/]+)\/([^/]+)\/requests\/[A-Za-z0-9_-]+(\/status(?:\/stream)?|\/cancel)?$/;

/**
 * Decides whether `method` on `target` is a fal call a browser may make through the proxy. Anything that can
 * start work (run, stream, queue submit) must name an allowed endpoint; queue reads and cancels must belong to
 * an allowed app; rest.fal.ai and the CDN expose only their token and upload routes.
 */
export function checkRoute(
  target: FalTarget,
  method: string,
  allowList: EndpointAllowList,
): AllowedRoute | Refusal {
  const { host, path } = target;
  const endpointId = path.replace(/\/$/, '');

  switch (host) {
    case 'fal.run': {
      // GET runs a model too (the JS client's `method: 'get'`), so both go through the allow-list.
      if (method !== 'POST' && method !== 'GET') return wrongMethod(method, host);
      const streamOf = endpointId.endsWith('/stream') ? endpointId.slice(0, -'/stream'.length) : undefined;
      if (
        allowList.allowsEndpoint(endpointId) ||
        (streamOf !== undefined && allowList.allowsEndpoint(streamOf))
      ) {
        return { ok: true, kind: 'run' };
      }
      return endpointNotAllowed(endpointId);
    }
    case 'queue.fal.run': {
      if (method === 'POST') {
        return allowList.allowsEndpoint(endpointId)
          ? { ok: true, kind: 'queue-submit' }
          : endpointNotAllowed(endpointId);
      }
      const match = QUEUE_REQUEST.exec(path);
      const action = match?.[4];
      const isCancel = action === '/cancel';
      if (!match || (method === 'PUT') !== isCancel || (method !== 'GET' && method !== 'PUT')) {
        return refuse(
          403,
          'target_not_allowed',
          `${method} ${host}/${path} is not a queue status, result or cancel URL.`,
        );
      }
      const app = { alias: match[3]!, owner: match[2]!, ...(match[1] ? { namespace: match[1] } : {}) };
      if (!allowList.allowsApp(app))
        return endpointNotAllowed(`${match[1] ? `${match[1]}/` : ''}${app.owner}/${app.alias}`);
      return { ok: true, kind: isCancel ? 'queue-cancel' : 'queue-read' };
    }
    case 'rest.fal.ai': {
      const kind = (REST_ROUTES as Record<string, 'token' | 'storage'>)[path];
      if (kind === undefined) return refuse(403, 'target_not_allowed', `rest.fal.ai/${path} is not proxied.`);
      if (method !== 'POST') return wrongMethod(method, host);
      return { ok: true, kind };
    }
    case 'v3.fal.media': {
      if (!(CDN_ROUTES as readonly string[]).includes(path)) {
        return refuse(403, 'target_not_allowed', `v3.fal.media/${path} is not proxied.`);
      }
      if (method !== 'POST') return wrongMethod(method, host);
      return { ok: true, kind: 'cdn-upload' };
    }
  }
}

function wrongMethod(method: string, host: string): Refusal {
  return refuse(403, 'target_not_allowed', `${method} requests to ${host} are not proxied.`);
}

function endpointNotAllowed(endpointId: string): Refusal {
  return refuse(
    403,
    'endpoint_not_allowed',
    `Endpoint "${endpointId}" is not in this proxy's allowedEndpoints.`,
  );
}
