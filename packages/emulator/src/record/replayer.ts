/**
 * Replay mode: answers run, stream and queue requests from a cassette, with the recorded status
 * changes, queue positions, logs and events at their recorded times (times `speed`), and serves
 * the recorded output files. An unrecorded request fails loudly, or falls through to the stand-ins.
 */
import { NAMESPACES, fullEndpointId, parseEndpointSegments, queueBase, splitPath } from '../endpointId.js';
import { jsonResponse, platformError } from '../http/jsonResponse.js';
import { SSE_HEADERS, type SseStream } from '../http/sseStream.js';
import type { RequestScope } from '../routes/emulatorCore.js';
import {
  type Cassette,
  type RecordedStatus,
  type Recording,
  type RecordingMode,
  mapStrings,
  realToOrigin,
  recordingKey,
} from './recording.js';

export interface ReplayOptions {
  /** A cassette directory (Node) or a cassette in memory (browsers, msw). */
  cassette: string | Cassette;
  /**
   * A request the cassette does not hold: `'error'` (default) answers 404 with
   * `error_type: "replay_miss"`; `'stand-ins'` lets the emulator's apps answer it.
   */
  onMiss?: 'error' | 'stand-ins';
}

export interface Replayer {
  /** The cassette's answer, or undefined when the emulator itself should answer. */
  handle(scope: RequestScope): Promise<Response | undefined>;
  /** Ends open replay streams and timers. */
  close(): void;
}

export interface ReplayRuntime {
  speed: number;
  now: () => number;
  newRequestId: () => string;
  openSse: (scope: RequestScope, onEnd: () => void) => SseStream;
  loadCassette: (dir: string) => Promise<Cassette>;
}

interface ReplayJob {
  id: string;
  recording: Recording;
  queueBase: string;
  startedAt: number;
  cancelled: boolean;
  /** Open status streams to wake when the request is cancelled. */
  onCancel: Set<() => void>;
}

const CANCELLED = { detail: 'Request cancelled by user', error_type: 'client_cancelled' };

export function createReplayer(options: ReplayOptions, runtime: ReplayRuntime): Replayer {
  const onMiss = options.onMiss ?? 'error';
  let index: Promise<{ byKey: Map<string, Recording>; cassette: Cassette }> | undefined;
  const jobs = new Map<string, ReplayJob>();
  const cleanups = new Set<() => void>();

  function load() {
    index ??= (async () => {
      const cassette =
        typeof options.cassette === 'string'
          ? await runtime.loadCassette(options.cassette)
          : options.cassette;
      const byKey = new Map(cassette.recordings.map((recording) => [recording.key, recording]));
      return { byKey, cassette };
    })();
    return index;
  }

  /** When a recorded moment (`at` ms after the request) is replayed. */
  const dueAt = (job: { startedAt: number }, at: number) => job.startedAt + at * runtime.speed;

  function localize(value: unknown, origin: string): unknown {
    return mapStrings(value, (text) => realToOrigin(text, origin));
  }

  async function handle(scope: RequestScope): Promise<Response | undefined> {
    const { request, route } = scope;
    const { byKey, cassette } = await load();
    if (request.method === 'GET' || request.method === 'HEAD') {
      const file = cassette.files.get(`https://${route.host}${route.path}`);
      if (file) {
        return new Response(request.method === 'HEAD' ? null : (file.bytes as BlobPart as BodyInit), {
          headers: { 'content-type': file.contentType, 'content-length': String(file.bytes.length) },
        });
      }
    }
    const segments = splitPath(route.path);
    if (route.host === 'queue.fal.run' || route.host === 'queue.falrun.com') {
      const offset = segments[0] && (NAMESPACES as readonly string[]).includes(segments[0]) ? 1 : 0;
      if (segments[offset + 2] === 'requests') {
        const job = jobs.get(segments[offset + 3] ?? '');
        return job ? queueAction(scope, job, segments.slice(offset + 4).join('/')) : undefined;
      }
      if (request.method !== 'POST') return undefined;
      const parts = parseEndpointSegments(segments);
      if (!parts) return undefined;
      const recording = await match(byKey, 'queue', fullEndpointId(parts), request);
      if (!recording) return onMiss === 'error' ? miss('queue', fullEndpointId(parts)) : undefined;
      return submit(scope, recording, queueBase(parts));
    }
    if (route.host === 'fal.run' && request.method === 'POST' && segments.at(-1) !== 'realtime') {
      const isStream = segments.length > 2 && segments.at(-1) === 'stream';
      const parts = parseEndpointSegments(isStream ? segments.slice(0, -1) : segments);
      if (!parts) return undefined;
      const mode: RecordingMode = isStream ? 'stream' : 'run';
      const recording = await match(byKey, mode, fullEndpointId(parts), request);
      if (!recording) return onMiss === 'error' ? miss(mode, fullEndpointId(parts)) : undefined;
      return isStream ? stream(scope, recording) : run(scope, recording);
    }
    return undefined;
  }

  async function match(
    byKey: Map<string, Recording>,
    mode: RecordingMode,
    endpoint: string,
    request: Request,
  ) {
    const text = await request.clone().text();
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return undefined;
    }
    return byKey.get(await recordingKey(mode, endpoint, input));
  }

  function miss(mode: RecordingMode, endpoint: string): Response {
    return platformError(
      404,
      `Replay: the cassette holds no ${mode} recording of ${endpoint} with this input. Record it first, or replay with onMiss: 'stand-ins'.`,
      'replay_miss',
    );
  }

  function resultResponse(
    job: { id: string; cancelled?: boolean },
    recording: Recording,
    origin: string,
  ): Response {
    if (job.cancelled) return jsonResponse(CANCELLED, 499, { 'x-fal-request-id': job.id });
    const { result } = recording;
    const headers = { 'content-type': result.contentType, 'x-fal-request-id': job.id };
    const body = localize(result.body, origin);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status: result.status,
      headers,
    });
  }

  function submit(scope: RequestScope, recording: Recording, base: string): Response {
    const job: ReplayJob = {
      id: runtime.newRequestId(),
      recording,
      queueBase: base,
      startedAt: runtime.now(),
      cancelled: false,
      onCancel: new Set(),
    };
    jobs.set(job.id, job);
    return jsonResponse(
      {
        status: 'IN_QUEUE',
        request_id: job.id,
        gateway_request_id: job.id,
        ...urls(scope, job),
        queue_position: recording.submitPosition ?? 0,
      },
      200,
      { 'x-fal-request-id': job.id },
    );
  }

  function urls(scope: RequestScope, job: ReplayJob) {
    const base = `${scope.route.origin}/${scope.route.host}/${job.queueBase}/requests/${job.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  }

  /** The statuses replayed by now (a cancelled job ends with a cancellation). */
  function visible(job: ReplayJob): RecordedStatus[] {
    const statuses = job.recording.statuses ?? [];
    const now = runtime.now();
    const shown = statuses.filter((status) => dueAt(job, status.at) <= now);
    if (job.cancelled && shown.at(-1)?.status !== 'COMPLETED') {
      shown.push({
        at: 0,
        status: 'COMPLETED',
        logs: [],
        error: CANCELLED.detail,
        error_type: CANCELLED.error_type,
      });
    }
    if (shown.length === 0) {
      shown.push({ at: 0, status: 'IN_QUEUE', queue_position: job.recording.submitPosition ?? 0, logs: [] });
    }
    return shown;
  }

  function statusBody(
    scope: RequestScope,
    job: ReplayJob,
    status: RecordedStatus,
    logs: RecordedStatus['logs'] | null,
  ) {
    return {
      status: status.status,
      request_id: job.id,
      ...urls(scope, job),
      ...(status.queue_position !== undefined && { queue_position: status.queue_position }),
      ...(status.status !== 'IN_QUEUE' && { logs }),
      ...(status.metrics !== undefined && { metrics: status.metrics }),
      ...(status.error !== undefined && { error: status.error }),
      ...(status.error_type !== undefined && { error_type: status.error_type }),
    };
  }

  function queueAction(scope: RequestScope, job: ReplayJob, action: string): Response | undefined {
    const method = scope.request.method;
    const withLogs = ['1', 'true'].includes(scope.url.searchParams.get('logs')?.toLowerCase() ?? '');
    const done = () => visible(job).at(-1)!.status === 'COMPLETED';
    if (action === 'cancel') {
      if (method !== 'PUT' && method !== 'POST') return undefined;
      if (done()) return jsonResponse({ status: 'ALREADY_COMPLETED' }, 400);
      job.cancelled = true;
      for (const wake of [...job.onCancel]) wake();
      return jsonResponse({ status: 'CANCELLATION_REQUESTED' }, 202);
    }
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    if (action === 'status') {
      const shown = visible(job);
      const logs = withLogs ? shown.flatMap((status) => status.logs) : null;
      return jsonResponse(statusBody(scope, job, shown.at(-1)!, logs), done() ? 200 : 202);
    }
    if (action === 'status/stream') return statusStream(scope, job, withLogs);
    if (action === '') {
      if (!done()) return jsonResponse({ detail: 'Request is still in progress', ...urls(scope, job) }, 400);
      return resultResponse(job, job.recording, scope.route.origin);
    }
    return undefined;
  }

  /** Sends each status change at its replay time (only its new log lines, as live), closing after COMPLETED. */
  function statusStream(scope: RequestScope, job: ReplayJob, withLogs: boolean): Response {
    const statuses = job.recording.statuses ?? [];
    let sent = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(timer);
      job.onCancel.delete(pump);
      cleanups.delete(end);
    };
    const sse = runtime.openSse(scope, stop);
    const end = () => sse.close();
    cleanups.add(end);
    function pump() {
      clearTimeout(timer);
      while (!sse.closed && sent < statuses.length && dueAt(job, statuses[sent]!.at) <= runtime.now()) {
        const status = statuses[sent++]!;
        sse.send(statusBody(scope, job, status, withLogs ? status.logs : null));
        if (status.status === 'COMPLETED') return sse.close();
      }
      if (sse.closed) return;
      if (job.cancelled) {
        sse.send(statusBody(scope, job, visible(job).at(-1)!, withLogs ? [] : null));
        return sse.close();
      }
      const next = statuses[sent];
      if (next) timer = setTimeout(pump, Math.max(0, dueAt(job, next.at) - runtime.now()));
      else sse.close();
    }
    // A cancel while streaming ends the stream with the cancellation at once.
    job.onCancel.add(pump);
    pump();
    return new Response(sse.body, { status: 200, headers: { ...SSE_HEADERS, 'x-fal-request-id': job.id } });
  }

  function wait(ms: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (ms <= 0) return resolve(!signal.aborted);
      const done = (value: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
        cleanups.delete(abort);
        resolve(value);
      };
      const abort = () => done(false);
      const timer = setTimeout(() => done(true), ms);
      signal.addEventListener('abort', abort, { once: true });
      cleanups.add(abort);
    });
  }

  async function run(scope: RequestScope, recording: Recording): Promise<Response> {
    const id = runtime.newRequestId();
    await wait(recording.result.at * runtime.speed, scope.request.signal);
    return resultResponse({ id }, recording, scope.route.origin);
  }

  function stream(scope: RequestScope, recording: Recording): Response {
    const id = runtime.newRequestId();
    const events = recording.events ?? [];
    if (events.length === 0) return resultResponse({ id }, recording, scope.route.origin);
    const startedAt = runtime.now();
    let sent = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sse = runtime.openSse(scope, () => {
      clearTimeout(timer);
      cleanups.delete(end);
    });
    const end = () => sse.close();
    cleanups.add(end);
    const pump = () => {
      while (sent < events.length && dueAt({ startedAt }, events[sent]!.at) <= runtime.now()) {
        sse.send(localize(events[sent++]!.data, scope.route.origin));
      }
      if (sent === events.length) return sse.close();
      timer = setTimeout(pump, Math.max(0, dueAt({ startedAt }, events[sent]!.at) - runtime.now()));
    };
    pump();
    return new Response(sse.body, { status: 200, headers: { ...SSE_HEADERS, 'x-fal-request-id': id } });
  }

  return {
    handle,
    close() {
      for (const cleanup of [...cleanups]) cleanup();
      jobs.clear();
    },
  };
}
