/**
 * Record mode: the emulator forwards every fal request to a real upstream (fal.ai, or another
 * fal-compatible server) with the server's key, answers with the upstream's responses (URLs
 * rewritten to the emulator), and writes each request's exchanges to a cassette.
 */
import { NAMESPACES, fullEndpointId, parseEndpointSegments, splitPath } from '../endpointId.js';
import { platformError } from '../http/jsonResponse.js';
import type { LogEntry } from '../queue/job.js';
import type { RequestScope } from '../routes/emulatorCore.js';
import { rewriteResponseText } from '../urls/urlForm.js';
import {
  type RecordedEvent,
  type RecordedResult,
  type RecordedStatus,
  type Recording,
  type RecordingMode,
  fileUrlsIn,
  filePath,
  originToReal,
  realToOrigin,
  recordingKey,
} from './recording.js';
import { sseEvents } from './sseEvents.js';

export interface RecordOptions {
  /** Cassette directory (created when missing). Node only. */
  cassette: string;
  /**
   * Origin of the fal-compatible service to record, in emulator form (`http://127.0.0.1:9000`, which
   * serves `https://{host}/…` at `{origin}/{host}/…`). Default: fal itself, `https://{host}/…`.
   */
  upstream?: string;
  /** Sent upstream as `Authorization: Key <key>`. Default `process.env.FAL_KEY`. Never written to disk. */
  key?: string;
  /** Last look at each recording before it is written: return it with anything sensitive removed. */
  redact?: (recording: Recording) => Recording;
  /** fetch used to reach the upstream. Default: the global fetch. */
  fetch?: typeof fetch;
  /** A recording that could not be made. Default: `console.error`. */
  onError?: (error: unknown) => void;
}

export interface Recorder {
  /** Forwards a fal request upstream and records it when it is a run, stream or queue submit. */
  handle(scope: RequestScope): Promise<Response>;
  /** Resolves when every recording started so far is written. */
  idle(): Promise<void>;
}

/** Writes a recording; the Node entry provides it (node:fs stays out of browser bundles). */
export type RecordingWriter = (
  dir: string,
  recording: Recording,
  files: Map<string, Uint8Array>,
  secrets: readonly string[],
) => Promise<string>;

// Hop-by-hop and body-framing headers: never forwarded as they are.
const DROPPED_REQUEST_HEADERS = [
  'host',
  'authorization',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'accept-encoding',
];
const DROPPED_RESPONSE_HEADERS = [
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
];

export function createRecorder(options: RecordOptions, writer: () => Promise<RecordingWriter>): Recorder {
  const upstream = options.upstream?.replace(/\/+$/, '');
  const key = options.key ?? (typeof process !== 'undefined' ? process.env.FAL_KEY : undefined);
  const upstreamFetch = options.fetch ?? fetch;
  const onError =
    options.onError ?? ((error: unknown) => console.error('falkit emulator: recording failed:', error));
  const pending = new Set<Promise<void>>();

  const upstreamUrl = (host: string, pathAndSearch: string) =>
    upstream ? `${upstream}/${host}${pathAndSearch}` : `https://${host}${pathAndSearch}`;
  /** Upstream answers → the real form kept in cassettes. */
  const normalize = (text: string) => (upstream ? originToReal(text, upstream) : text);
  /** Local URLs in a request (files uploaded through this emulator) → upstream URLs. */
  const outbound = (text: string, origin: string) => {
    const real = originToReal(text, origin);
    return upstream ? realToOrigin(real, upstream) : real;
  };
  const authHeaders = (): Record<string, string> => (key ? { authorization: `Key ${key}` } : {});

  function track(work: Promise<void>): void {
    const guarded = work.catch(onError);
    pending.add(guarded);
    void guarded.finally(() => pending.delete(guarded));
  }

  async function handle(scope: RequestScope): Promise<Response> {
    const { request, route } = scope;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    let body: Uint8Array | string | undefined;
    let input: unknown;
    if (hasBody) {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const isJson = (request.headers.get('content-type') ?? 'application/json').includes('json');
      body = bytes;
      if (isJson) {
        const text = new TextDecoder().decode(bytes);
        body = outbound(text, route.origin);
        try {
          input = text.trim() === '' ? {} : JSON.parse(normalize(body));
        } catch {
          input = undefined;
        }
      }
    }
    const headers = new Headers(request.headers);
    for (const name of DROPPED_REQUEST_HEADERS) headers.delete(name);
    for (const [name, value] of Object.entries(authHeaders())) headers.set(name, value);
    const startedAt = Date.now();
    let response: Response;
    try {
      response = await upstreamFetch(upstreamUrl(route.host, `${route.path}${route.search}`), {
        method: request.method,
        headers,
        ...(body !== undefined && { body: body as BodyInit }),
        signal: request.signal,
        redirect: 'manual',
      });
    } catch (error) {
      return platformError(
        502,
        `Record mode: the upstream did not answer (${error instanceof Error ? error.message : String(error)})`,
        'upstream_unreachable',
      );
    }
    const intent = recordable(scope, input);
    if (intent && response.ok && response.body) {
      if (intent.mode === 'queue') {
        const text = await response.text();
        const submitted = safeJson(normalize(text)) as {
          status_url?: string;
          response_url?: string;
          queue_position?: number;
        };
        if (submitted?.status_url && submitted.response_url) {
          track(recordQueue(intent, input, startedAt, submitted as Required<typeof submitted>));
        }
        response = new Response(text, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      } else {
        const [toClient, toRecorder] = response.body.tee();
        track(
          intent.mode === 'run'
            ? recordRun(intent, input, startedAt, response, toRecorder)
            : recordStream(intent, input, startedAt, response, toRecorder),
        );
        response = new Response(toClient, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      }
    }
    const cleaned = new Headers(response.headers);
    for (const name of DROPPED_RESPONSE_HEADERS) cleaned.delete(name);
    const local = (text: string) => realToOrigin(normalize(text), route.origin);
    return rewriteResponseText(
      new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: cleaned,
      }),
      local,
    );
  }

  interface Intent {
    mode: RecordingMode;
    endpoint: string;
  }

  /** Which requests start a recording: POST run, stream and queue submit with a JSON input. */
  function recordable(scope: RequestScope, input: unknown): Intent | undefined {
    if (scope.request.method !== 'POST' || input === undefined) return undefined;
    const segments = splitPath(scope.route.path);
    if (scope.route.host === 'fal.run') {
      if (segments.at(-1) === 'realtime') return undefined;
      const isStream = segments.length > 2 && segments.at(-1) === 'stream';
      const parts = parseEndpointSegments(isStream ? segments.slice(0, -1) : segments);
      return parts && { mode: isStream ? 'stream' : 'run', endpoint: fullEndpointId(parts) };
    }
    if (scope.route.host === 'queue.fal.run' || scope.route.host === 'queue.falrun.com') {
      const offset = segments[0] && (NAMESPACES as readonly string[]).includes(segments[0]) ? 1 : 0;
      if (segments[offset + 2] === 'requests') return undefined;
      const parts = parseEndpointSegments(segments);
      return parts && { mode: 'queue', endpoint: fullEndpointId(parts) };
    }
    return undefined;
  }

  async function readResult(
    response: Response,
    body: ReadableStream<Uint8Array>,
    startedAt: number,
  ): Promise<RecordedResult> {
    const text = await new Response(body).text();
    const contentType = response.headers.get('content-type') ?? 'application/json';
    return {
      at: Date.now() - startedAt,
      status: response.status,
      contentType,
      body: contentType.includes('json') ? safeJson(normalize(text)) : normalize(text),
    };
  }

  async function recordRun(
    intent: Intent,
    input: unknown,
    startedAt: number,
    response: Response,
    body: ReadableStream<Uint8Array>,
  ) {
    const result = await readResult(response, body, startedAt);
    await save(intent, input, { result });
  }

  async function recordStream(
    intent: Intent,
    input: unknown,
    startedAt: number,
    response: Response,
    body: ReadableStream<Uint8Array>,
  ) {
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.includes('text/event-stream')) {
      // An error before the first event is a plain HTTP answer.
      await save(intent, input, { result: await readResult(response, body, startedAt) });
      return;
    }
    const events: RecordedEvent[] = [];
    for await (const data of sseEvents(body)) {
      events.push({ at: Date.now() - startedAt, data: safeJson(normalize(data)) });
    }
    const last = events.at(-1);
    const result: RecordedResult = {
      at: last?.at ?? Date.now() - startedAt,
      status: response.status,
      contentType: 'application/json',
      body: last?.data ?? null,
    };
    await save(intent, input, { events, result });
  }

  /** Follows the request on the upstream's status stream (logs on), then fetches its result. */
  async function recordQueue(
    intent: Intent,
    input: unknown,
    startedAt: number,
    submitted: { status_url: string; response_url: string; queue_position?: number },
  ) {
    const toUpstream = (real: string) => (upstream ? realToOrigin(real, upstream) : real);
    const stream = await upstreamFetch(`${toUpstream(submitted.status_url)}/stream?logs=1`, {
      headers: { accept: 'text/event-stream', ...authHeaders() },
    });
    if (!stream.ok || !stream.body) throw new Error(`status stream answered ${stream.status}`);
    const statuses: RecordedStatus[] = [];
    const seen: string[] = [];
    for await (const data of sseEvents(stream.body)) {
      const event = safeJson(normalize(data)) as
        | (Omit<RecordedStatus, 'at' | 'logs'> & { logs?: LogEntry[] | null })
        | undefined;
      if (!event?.status) continue;
      // Events may carry every line so far or only the new ones: keep each line once, in order.
      const lines = (event.logs ?? []).map((entry) => JSON.stringify(entry));
      const cumulative = lines.length >= seen.length && seen.every((line, i) => lines[i] === line);
      const fresh = (cumulative ? lines.slice(seen.length) : lines).map(
        (line) => JSON.parse(line) as LogEntry,
      );
      seen.push(...(cumulative ? lines.slice(seen.length) : lines));
      statuses.push({
        at: Date.now() - startedAt,
        status: event.status,
        ...(event.queue_position !== undefined && { queue_position: event.queue_position }),
        logs: fresh,
        ...(event.metrics !== undefined && { metrics: event.metrics }),
        ...(event.error !== undefined && { error: event.error }),
        ...(event.error_type !== undefined && { error_type: event.error_type }),
      });
      if (event.status === 'COMPLETED') break;
    }
    if (statuses.at(-1)?.status !== 'COMPLETED') throw new Error('status stream ended before COMPLETED');
    const response = await upstreamFetch(toUpstream(submitted.response_url), { headers: authHeaders() });
    const result = await readResult(response, response.body ?? new Response('').body!, startedAt);
    result.at = statuses.at(-1)!.at;
    await save(intent, input, {
      ...(submitted.queue_position !== undefined && { submitPosition: submitted.queue_position }),
      statuses,
      result,
    });
  }

  async function save(intent: Intent, input: unknown, parts: Pick<Recording, 'result'> & Partial<Recording>) {
    const files = new Map<string, Uint8Array>();
    const recordedFiles: Recording['files'] = {};
    for (const url of fileUrlsIn(parts.result.body)) {
      const parsed = new URL(url);
      const response = await upstreamFetch(upstreamUrl(parsed.host, `${parsed.pathname}${parsed.search}`));
      if (!response.ok) throw new Error(`output file ${url} answered ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      files.set(url, bytes);
      recordedFiles[url] = {
        path: filePath(url),
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        size: bytes.length,
      };
    }
    const recording: Recording = {
      version: 1,
      endpoint: intent.endpoint,
      mode: intent.mode,
      key: await recordingKey(intent.mode, intent.endpoint, input),
      input,
      recordedAt: new Date().toISOString(),
      ...parts,
      files: recordedFiles,
    };
    const redacted = options.redact ? options.redact(structuredClone(recording)) : recording;
    const write = await writer();
    await write(options.cassette, redacted, files, key ? [key] : []);
  }

  return {
    handle,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
