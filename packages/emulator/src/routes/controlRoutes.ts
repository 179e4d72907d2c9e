import { checkControlAccess } from '../auth/controlAccess.js';
import type { Fault, FaultSpec } from '../faults/faultTypes.js';
import { jsonResponse } from '../http/jsonResponse.js';
import { readLimitedBytes } from '../http/readBody.js';
import type { RequestLogEntry } from '../observability/requestLog.js';
import type { JobInfo } from '../queue/jobInfo.js';

/** What the `/__emulator/*` routes can reach. */
export interface ControlApi {
  addFault(spec: FaultSpec): Fault;
  removeFault(id: string): boolean;
  clearFaults(): void;
  listFaults(): Fault[];
  requests(): RequestLogEntry[];
  clearRequests(): void;
  jobs(): JobInfo[];
  /** In-flight fal requests plus open streams and sockets (control requests do not count). */
  openConnections(): number;
  reset(): void;
  info(): unknown;
  /** The emulator's key: when set, control requests need it too. */
  key?: string;
  /** Bodies longer than this get 413 without being read whole (the emulator's `maxBodyBytes`). */
  maxBodyBytes: number;
}

/** Faults added over HTTP cannot carry a RegExp; a `path` written as `/…/flags` is read as one. */
function reviveFault(raw: unknown): FaultSpec {
  const spec = { ...(raw as FaultSpec) };
  if (typeof spec.path === 'string') {
    const regex = /^\/(.+)\/([a-z]*)$/.exec(spec.path);
    if (regex && /[\\^$()|[\]+]/.test(regex[1]!)) spec.path = new RegExp(regex[1]!, regex[2]);
  }
  return spec;
}

function serializeFault(fault: Fault): unknown {
  return {
    ...fault,
    ...(fault.path instanceof RegExp && { path: String(fault.path) }),
    remaining: Number.isFinite(fault.remaining) ? fault.remaining : -1,
  };
}

export async function handleControlRequest(
  api: ControlApi,
  request: Request,
  path: string,
): Promise<Response> {
  const denied = checkControlAccess(request, api.key);
  if (denied) return denied;
  const method = request.method;
  const segments = path.split('/').filter(Boolean);
  const [section, id] = segments;
  if (!section)
    return method === 'GET' ? jsonResponse(api.info()) : jsonResponse({ detail: 'Method Not Allowed' }, 405);

  if (section === 'faults') {
    if (id) {
      if (method !== 'DELETE') return jsonResponse({ detail: 'Method Not Allowed' }, 405);
      return api.removeFault(id)
        ? new Response(null, { status: 204 })
        : jsonResponse({ detail: `No fault '${id}'` }, 404);
    }
    if (method === 'GET') return jsonResponse(api.listFaults().map(serializeFault));
    if (method === 'DELETE') {
      api.clearFaults();
      return new Response(null, { status: 204 });
    }
    if (method === 'POST') {
      const body = await readLimitedBytes(request, api.maxBodyBytes);
      if (!body.ok) return body.response;
      let raw: unknown;
      try {
        raw = JSON.parse(new TextDecoder().decode(body.bytes));
      } catch {
        return jsonResponse({ detail: 'Body must be a JSON fault or a list of faults' }, 400);
      }
      try {
        const added = (Array.isArray(raw) ? raw : [raw]).map((spec) => api.addFault(reviveFault(spec)));
        return jsonResponse(Array.isArray(raw) ? added.map(serializeFault) : serializeFault(added[0]!), 201);
      } catch (error) {
        return jsonResponse({ detail: error instanceof Error ? error.message : String(error) }, 400);
      }
    }
    return jsonResponse({ detail: 'Method Not Allowed' }, 405);
  }
  if (section === 'requests') {
    if (method === 'GET') return jsonResponse(api.requests());
    if (method === 'DELETE') {
      api.clearRequests();
      return new Response(null, { status: 204 });
    }
    return jsonResponse({ detail: 'Method Not Allowed' }, 405);
  }
  if (section === 'jobs') {
    return method === 'GET' ? jsonResponse(api.jobs()) : jsonResponse({ detail: 'Method Not Allowed' }, 405);
  }
  if (section === 'connections') {
    // Browser tests cannot call emulator.openConnections(); this lets them assert nothing leaked.
    return method === 'GET'
      ? jsonResponse({ open: api.openConnections() })
      : jsonResponse({ detail: 'Method Not Allowed' }, 405);
  }
  if (section === 'reset') {
    if (method !== 'POST') return jsonResponse({ detail: 'Method Not Allowed' }, 405);
    api.reset();
    return new Response(null, { status: 204 });
  }
  return jsonResponse({ detail: `Unknown emulator control route '${path}'` }, 404);
}
