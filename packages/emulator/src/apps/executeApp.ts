import type { Storage } from '../storage/storage.js';
import type { Job, StoredResponse } from '../queue/job.js';
import { AppError, type AppContext, type AppHandler, isRecord, type LogLevel } from './appTypes.js';
import { decodeDataUrl } from './dataUrl.js';
import { scaledSleep } from './scaledSleep.js';

export interface AppRuntime {
  storage: () => Storage;
  /** Multiplier for app durations; 0 makes every `sleep` instant. */
  speed: number;
  now: () => number;
}

function jsonStored(status: number, payload: unknown, headers: Record<string, string> = {}): StoredResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload ?? null),
    payload: payload ?? null,
  };
}

function runnerServerError(detail: string): StoredResponse {
  return jsonStored(
    500,
    { detail, error_type: 'runner_server_error' },
    { 'x-fal-error-type': 'runner_server_error' },
  );
}

/** A status a `Response` can carry; anything else would make every replay of the result throw. */
function isHttpStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 200 && status <= 599;
}

/** Anything thrown with a numeric `status` and a `body` answers with them, not only `AppError`. */
function errorToStored(error: unknown): StoredResponse {
  const thrown =
    error instanceof AppError
      ? error
      : isRecord(error) && typeof error.status === 'number' && 'body' in error
        ? { status: error.status, body: error.body, headers: isRecord(error.headers) ? error.headers : {} }
        : undefined;
  if (thrown) {
    if (!isHttpStatus(thrown.status)) {
      return runnerServerError(`App answered with an invalid HTTP status: ${thrown.status}`);
    }
    return jsonStored(thrown.status, thrown.body, thrown.headers as Record<string, string>);
  }
  return runnerServerError(error instanceof Error ? error.message : String(error));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

export function createAppContext(job: Job, subpath: string[], runtime: AppRuntime): AppContext {
  const signal = job.abortController.signal;
  const storage = runtime.storage();
  /** One notification per call: a status stream sends every line added since its last event at once. */
  const logLines = (messages: readonly string[], level: LogLevel = 'INFO') => {
    if (job.done || messages.length === 0) return;
    const timestamp = new Date(runtime.now()).toISOString();
    for (const message of messages) job.logs.push({ message, level, source: 'USER', timestamp });
    job.notify();
  };
  return {
    input: job.input,
    endpointId: job.endpointId,
    subpath,
    requestId: job.id,
    signal,
    request: job.request,
    storage,
    log: (message, level = 'INFO') => logLines([message], level),
    logLines,
    sleep: (ms) => scaledSleep(ms, runtime.speed, signal),
    upload(bytes, contentType, fileName) {
      return storage.put(bytes, contentType, {
        origin: job.origin,
        ...(fileName ? { fileName } : {}),
        ...(job.lifecycleSeconds !== undefined ? { lifecycleSeconds: job.lifecycleSeconds } : {}),
      });
    },
    async readFile(url) {
      if (url.startsWith('data:')) return decodeDataUrl(url);
      return storage.get(url);
    },
  };
}

/**
 * Runs an app for a job. Streamed events land in `job.events` as they are yielded; the stored
 * response is the last event (or the returned value) on success, or the error's status and body.
 */
export async function executeApp(
  job: Job,
  handler: AppHandler,
  subpath: string[],
  runtime: AppRuntime,
): Promise<StoredResponse> {
  const context = createAppContext(job, subpath, runtime);
  try {
    const result = await handler(context);
    if (!isAsyncIterable(result)) return jsonStored(200, result);
    const iterator = result[Symbol.asyncIterator]();
    let last: unknown = null;
    try {
      for (;;) {
        const step = await iterator.next();
        if (job.done) break;
        if (step.done) {
          if (step.value !== undefined) {
            last = step.value;
            job.events.push(step.value);
            job.notify();
          }
          break;
        }
        last = step.value;
        job.events.push(step.value);
        job.notify();
      }
    } finally {
      if (job.done) await iterator.return?.().catch(() => {});
    }
    return jsonStored(200, last);
  } catch (error) {
    return errorToStored(error);
  }
}
