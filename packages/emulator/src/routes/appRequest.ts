import type { AppMatch } from '../apps/appRegistry.js';
import { authorize } from '../auth/authorize.js';
import { type EndpointParts, fullEndpointId, parseEndpointSegments, queueBase } from '../endpointId.js';
import { jsonResponse, platformError } from '../http/jsonResponse.js';
import { readJsonBody } from '../http/readBody.js';
import { Job, type JobMode } from '../queue/job.js';
import type { EmulatorCore, RequestScope } from './emulatorCore.js';
import { readRequestOptions } from './requestOptions.js';

/** fal's answer for an app that does not exist. */
export function appNotFound(id: string): Response {
  return jsonResponse({ detail: `Application '${id}' not found` }, 404);
}

/**
 * The answer for an id fal cannot parse: a single segment that is not the legacy `{digits}-{name}`
 * form (docs/protocol.md §1), or a namespace without owner/alias. fal's exact status is unverified; the
 * emulator answers 400 `bad_request` with the official clients' "Invalid app id" wording.
 */
export function invalidAppId(id: string): Response {
  return platformError(400, `Invalid app id: ${id}. Must be in the format <owner>/<alias>`, 'bad_request');
}

export interface AcceptedRequest {
  job: Job;
  app: AppMatch;
  parts: EndpointParts;
}

/** Input from a GET run: the query string, minus the emulator's own parameters. */
function queryInput(url: URL): Record<string, string> {
  const input: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name !== 'fal_jwt_token' && name !== 'fal_webhook') input[name] = value;
  }
  return input;
}

/**
 * Turns a run, stream or submit request into a job: finds the app, checks credentials, reads the
 * control headers and the JSON body. Any problem comes back as the response to send.
 */
export async function acceptAppRequest(
  core: EmulatorCore,
  scope: RequestScope,
  segments: string[],
  mode: JobMode,
): Promise<{ ok: true; value: AcceptedRequest } | { ok: false; response: Response }> {
  const parts = parseEndpointSegments(segments);
  if (!parts) return { ok: false, response: invalidAppId(segments.join('/')) };
  const id = fullEndpointId(parts);
  const app = core.apps.find(id.split('/'), parts.namespace !== undefined);
  if (!app) return { ok: false, response: appNotFound(id) };
  const denied = authorize(core, scope, parts.alias);
  if (denied) return { ok: false, response: denied };
  const options = readRequestOptions(scope.request, scope.url);
  if (!options.ok) return options;
  let input: unknown;
  if (scope.request.method === 'GET' || scope.request.method === 'HEAD') input = queryInput(scope.url);
  else {
    const body = await readJsonBody(scope.request, core.maxBodyBytes);
    if (!body.ok) return body;
    input = body.value;
  }
  const job = new Job({
    id: core.newRequestId(),
    endpointId: id,
    queueBase: queueBase(parts),
    app,
    mode,
    input,
    priority: options.value.priority,
    ...(options.value.hint !== undefined && { hint: options.value.hint }),
    ...(options.value.webhookUrl !== undefined && { webhookUrl: options.value.webhookUrl }),
    ...(options.value.startTimeoutSeconds !== undefined && {
      startTimeoutSeconds: options.value.startTimeoutSeconds,
    }),
    ...(options.value.lifecycleSeconds !== undefined && { lifecycleSeconds: options.value.lifecycleSeconds }),
    request: scope.request,
    origin: scope.route.origin,
    submittedAt: core.now(),
  });
  return { ok: true, value: { job, app, parts } };
}
