import { authorize } from '../auth/authorize.js';
import { NAMESPACES, parseEndpointSegments, queueBase, splitPath } from '../endpointId.js';
import { jsonResponse, platformError } from '../http/jsonResponse.js';
import { SSE_HEADERS } from '../http/sseStream.js';
import type { Job, StoredResponse } from '../queue/job.js';
import { queueUrls, statusBody } from '../queue/statusBody.js';
import { acceptAppRequest } from './appRequest.js';
import type { EmulatorCore, RequestScope } from './emulatorCore.js';
import { readMaxQueueLength } from './requestOptions.js';

type QueueAction = 'result' | 'status' | 'statusStream' | 'cancel';

interface QueueTarget {
  base: string;
  alias: string;
  requestId: string;
  action: QueueAction;
}

/** Recognises `[{ns}/]{owner}/{alias}/requests/{id}[/status[/stream]|/cancel]`. */
function parseQueueTarget(segments: string[]): QueueTarget | undefined {
  const offset = segments[0] && (NAMESPACES as readonly string[]).includes(segments[0]) ? 1 : 0;
  if (segments[offset + 2] !== 'requests') return undefined;
  const parts = parseEndpointSegments(segments.slice(0, offset + 2));
  const requestId = segments[offset + 3];
  if (!parts || !requestId) return undefined;
  const rest = segments.slice(offset + 4).join('/');
  const action: QueueAction | undefined =
    rest === ''
      ? 'result'
      : rest === 'status'
        ? 'status'
        : rest === 'status/stream'
          ? 'statusStream'
          : rest === 'cancel'
            ? 'cancel'
            : undefined;
  if (!action) return undefined;
  return { base: queueBase(parts), alias: parts.alias, requestId, action };
}

/** `logs=1|true` (JS | PY spellings) asks for logs; anything else, or nothing, does not. */
function wantsLogs(url: URL): boolean {
  const value = url.searchParams.get('logs')?.toLowerCase();
  return value === '1' || value === 'true';
}

function requestNotFound(requestId: string): Response {
  return jsonResponse({ detail: `Request '${requestId}' not found` }, 404);
}

function methodNotAllowed(): Response {
  return jsonResponse({ detail: 'Method Not Allowed' }, 405);
}

const ACTION_SUFFIX: Record<QueueAction, { method: string; suffix: string; what: string }> = {
  status: { method: 'GET', suffix: '/status', what: 'status' },
  statusStream: { method: 'GET', suffix: '/status/stream', what: 'status stream' },
  result: { method: 'GET', suffix: '', what: 'result' },
  cancel: { method: 'PUT', suffix: '/cancel', what: 'cancel' },
};

/**
 * A status/result/cancel URL built from the full endpoint id (`fal-ai/flux/dev/requests/{id}/status`)
 * reaches fal as a non-POST request to an app path, hence its 405. The emulator keeps that status
 * and names the URL to use: queue URLs take `[{ns}/]{owner}/{alias}` only (docs/protocol.md §1).
 */
function fullIdQueueUrlHint(segments: string[], method: string): Response | undefined {
  const at = segments.indexOf('requests');
  const parts = at > 0 ? parseEndpointSegments(segments.slice(0, at)) : undefined;
  if (!parts || parts.path.length === 0) return undefined;
  const probe = parseQueueTarget([...queueBase(parts).split('/'), ...segments.slice(at)]);
  if (!probe) return undefined;
  const right = ACTION_SUFFIX[probe.action];
  const url = `/${probe.base}/requests/${probe.requestId}${right.suffix}`;
  return jsonResponse(
    {
      detail:
        `Method Not Allowed: ${method} /${segments.join('/')} is not a queue URL. Queue ${right.what} URLs ` +
        `use the endpoint's owner/alias only, without its path: ${right.method} ${url}`,
    },
    405,
  );
}

/** Replays a stored response with its request id. */
export function replay(stored: StoredResponse, requestId: string): Response {
  const headers = new Headers(stored.headers);
  headers.set('x-fal-request-id', requestId);
  return new Response(stored.body, { status: stored.status, headers });
}

export async function handleQueueRequest(core: EmulatorCore, scope: RequestScope): Promise<Response> {
  const segments = splitPath(scope.route.path);
  const target = parseQueueTarget(segments);
  if (!target) {
    if (scope.request.method !== 'POST') {
      return fullIdQueueUrlHint(segments, scope.request.method) ?? methodNotAllowed();
    }
    return submit(core, scope, segments);
  }
  const denied = authorize(core, scope, target.alias);
  if (denied) return denied;
  const job = core.queue.get(target.requestId);
  const known = job && job.queueBase === target.base ? job : undefined;

  if (target.action === 'cancel') {
    if (scope.request.method !== 'PUT' && scope.request.method !== 'POST') return methodNotAllowed();
    if (!known) return jsonResponse({ status: 'NOT_FOUND' }, 404);
    const outcome = core.queue.cancel(known.id);
    return jsonResponse({ status: outcome }, outcome === 'CANCELLATION_REQUESTED' ? 202 : 400);
  }
  if (scope.request.method !== 'GET' && scope.request.method !== 'HEAD') return methodNotAllowed();
  if (!known) return requestNotFound(target.requestId);
  const urls = queueUrls(scope.route.origin, scope.route.host, known);
  if (target.action === 'status') {
    const body = statusBody(known, core.queue, urls, wantsLogs(scope.url) ? [...known.logs] : null);
    return jsonResponse(body, known.done ? 200 : 202);
  }
  if (target.action === 'statusStream') return statusStream(core, scope, known);
  if (!known.done || !known.result) {
    return jsonResponse({ detail: 'Request is still in progress', ...urls }, 400);
  }
  return replay(known.result, known.id);
}

async function submit(core: EmulatorCore, scope: RequestScope, segments: string[]): Promise<Response> {
  const accepted = await acceptAppRequest(core, scope, segments, 'queue');
  if (!accepted.ok) return accepted.response;
  const { job } = accepted.value;
  const maxQueueLength = readMaxQueueLength(scope.url);
  if (!maxQueueLength.ok) return maxQueueLength.response;
  const waiting = core.queue.waitingCount(job.queueBase);
  if (maxQueueLength.value !== undefined && waiting >= maxQueueLength.value) {
    // fal's answer to a full queue is unverified: 429 is the emulator's choice. No job exists, so
    // there is no x-fal-request-id and a client may safely retry the submit later.
    return platformError(
      429,
      `Queue is full: ${waiting} requests waiting (fal_max_queue_length=${maxQueueLength.value})`,
      'queue_full',
    );
  }
  core.queue.submit(job);
  const body = {
    status: 'IN_QUEUE',
    request_id: job.id,
    gateway_request_id: job.id,
    ...queueUrls(scope.route.origin, scope.route.host, job),
    queue_position: core.queue.position(job) ?? 0,
  };
  return jsonResponse(body, 200, { 'x-fal-request-id': job.id });
}

/**
 * Pushes the status on every change: a new position, a new state, or new log lines. Each event
 * carries only the log lines added since the previous event (JS appends them to a running list).
 * The stream closes after the COMPLETED event.
 */
function statusStream(core: EmulatorCore, scope: RequestScope, job: Job): Response {
  const withLogs = wantsLogs(scope.url);
  const urls = queueUrls(scope.route.origin, scope.route.host, job);
  let sentLogs = 0;
  let lastKey = '';
  let unsubscribe = () => {};
  const stream = core.openSse(scope, () => unsubscribe());
  const push = () => {
    if (stream.closed) return;
    const newLogs = job.logs.slice(sentLogs);
    const body = statusBody(job, core.queue, urls, withLogs ? newLogs : null);
    const key = `${body.status}:${body.queue_position ?? ''}`;
    if (key === lastKey && newLogs.length === 0) return;
    lastKey = key;
    sentLogs = job.logs.length;
    stream.send(body);
    if (body.status === 'COMPLETED') stream.close();
  };
  unsubscribe = job.subscribe(push);
  push();
  return new Response(stream.body, { status: 200, headers: { ...SSE_HEADERS, 'x-fal-request-id': job.id } });
}
