import { splitPath } from '../endpointId.js';
import { jsonResponse } from '../http/jsonResponse.js';
import { SSE_HEADERS } from '../http/sseStream.js';
import type { Job } from '../queue/job.js';
import { acceptAppRequest } from './appRequest.js';
import type { EmulatorCore, RequestScope } from './emulatorCore.js';
import { replay } from './queueRoutes.js';

/** Dropping the connection cancels a direct run or stream on fal; the same happens here. */
function cancelOnDisconnect(core: EmulatorCore, request: Request, job: Job): () => void {
  const onAbort = () => core.queue.cancel(job.id);
  if (request.signal.aborted) {
    queueMicrotask(onAbort);
    return () => {};
  }
  request.signal.addEventListener('abort', onAbort, { once: true });
  return () => request.signal.removeEventListener('abort', onAbort);
}

/** `fal.run/{id}` (direct run) and `fal.run/{id}/stream` (SSE streaming endpoint). */
export async function handleRunRequest(core: EmulatorCore, scope: RequestScope): Promise<Response> {
  const segments = splitPath(scope.route.path);
  if (scope.request.headers.get('upgrade')?.toLowerCase() === 'websocket' || segments.at(-1) === 'realtime') {
    return jsonResponse(
      {
        detail:
          'Realtime endpoints need a WebSocket: connect to ws://{emulator}/fal.run/{id}/realtime (listen(), or the msw realtime handlers)',
      },
      501,
    );
  }
  const isStream = segments.length > 2 && segments.at(-1) === 'stream';
  if (isStream && scope.request.method !== 'POST') return jsonResponse({ detail: 'Method Not Allowed' }, 405);
  const accepted = await acceptAppRequest(
    core,
    scope,
    isStream ? segments.slice(0, -1) : segments,
    isStream ? 'stream' : 'run',
  );
  if (!accepted.ok) return accepted.response;
  const { job } = accepted.value;
  core.queue.submit(job);
  if (isStream) return streamJob(core, scope, job);
  const detach = cancelOnDisconnect(core, scope.request, job);
  await job.finished();
  detach();
  return replay(job.result!, job.id);
}

/**
 * Waits for the first event so an error before any output is a normal HTTP error (JS reads it as
 * an ApiError/ValidationError). After that, each yielded value is one `data:` event; the last one is
 * the result. An error after events started is sent as a final data event carrying the error body.
 */
async function streamJob(core: EmulatorCore, scope: RequestScope, job: Job): Promise<Response> {
  const detach = cancelOnDisconnect(core, scope.request, job);
  await new Promise<void>((resolve) => {
    if (job.events.length > 0 || job.done) return resolve();
    const unsubscribe = job.subscribe(() => {
      if (job.events.length > 0 || job.done) {
        unsubscribe();
        resolve();
      }
    });
  });
  detach();
  const result = job.result;
  if (job.events.length === 0 && result && result.status >= 400) return replay(result, job.id);

  let sent = 0;
  let unsubscribe = () => {};
  const stream = core.openSse(scope, () => {
    unsubscribe();
    // The caller went away (or a fault cut the stream) before the end: cancel the work, as fal does.
    if (!job.done) core.queue.cancel(job.id);
  });
  const push = () => {
    while (sent < job.events.length && !stream.closed) stream.send(job.events[sent++]);
    if (!job.done || stream.closed) return;
    const final = job.result;
    if (final && final.status >= 400) stream.send(final.payload);
    else if (job.events.length === 0 && final) stream.send(final.payload);
    stream.close();
  };
  unsubscribe = job.subscribe(push);
  push();
  return new Response(stream.body, { status: 200, headers: { ...SSE_HEADERS, 'x-fal-request-id': job.id } });
}
