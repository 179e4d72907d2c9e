import type { FalContext } from '../context';
import { queueRequestUrl } from '../endpoint/endpointUrls';
import { abortReason } from '../errors/abortError';
import { ApiError } from '../errors/apiError';
import { readServerSentEvents } from '../sse/readServerSentEvents';
import type { StreamingConnectionMode } from '../stream/streamOptions';
import type { RetryAttempt } from '../types/options';
import { type QueueStatus, type RequestLog, isQueueStatus } from '../types/queueStatus';
import { type LinkedAbort, linkedAbort } from '../util/linkedAbort';
import { sleep } from '../util/sleep';
import { LogAccumulator } from './logAccumulator';
import { status } from './status';
import { callSafely } from '../util/callSafely';
import { STATUS_STREAM_IDLE_MS } from './statusStreamIdle';

export interface StatusUpdateOptions {
  logs?: boolean;
  mode?: 'polling' | 'streaming';
  /** Fixed poll interval; adaptive when absent. */
  pollInterval?: number;
  /** `client`: the status stream goes straight to fal with a `fal_jwt_token` (§4.3); polls stay on the transport. */
  connectionMode?: StreamingConnectionMode;
  signal?: AbortSignal;
  onRetry?: (info: RetryAttempt) => void;
  /** How many of the newest log lines each update's `logs` carries (default 1,000; `Infinity`: all). */
  maxLogs?: number;
  /** Each new log line, exactly once, in order (before the update that carries it is yielded). */
  onLog?: (log: RequestLog) => void;
}

/** First adaptive poll delay, growth factor and cap (ms): fast for short jobs, cheap for long ones. */
const POLL_START_MS = 50;
const POLL_GROWTH = 1.5;
const POLL_MAX_MS = 1500;
/** Consecutive stream failures before giving up on streaming for this request. */
const MAX_STREAM_DROPS = 3;

/** The stream cannot be used at all (old gateway, proxy that buffers or rejects SSE). */
class StreamingUnavailable extends Error {}

/**
 * Status updates of a queued request until (and including) `COMPLETED`. Streams server-sent status
 * events (§4.3) by default; a dropped or corrupt stream is resumed with one status GET and reopened;
 * after repeated drops, or when the server does not stream (404/405/406/501, non-SSE answer), it polls
 * adaptively. Every update carries the logs accumulated so far, without duplicates.
 */
export async function* statusUpdates(
  ctx: FalContext,
  endpointId: string,
  requestId: string,
  options: StatusUpdateOptions = {},
): AsyncGenerator<QueueStatus, void, undefined> {
  const { signal } = options;
  const accumulator = new LogAccumulator(options.maxLogs);
  /** `from`: where the update's `logs` start in the job's log (see `LogAccumulator`). */
  const withLogs = (update: QueueStatus, from: number): QueueStatus => {
    if (update.status === 'IN_QUEUE') return update;
    const batch = (update as { logs?: RequestLog[] | null }).logs;
    const fresh = accumulator.add(batch, from);
    const { onLog } = options;
    if (onLog) for (const log of fresh) callSafely(() => onLog(log));
    return { ...update, logs: accumulator.logs as RequestLog[] };
  };
  const poll = async () =>
    withLogs(
      await status(ctx, endpointId, {
        requestId,
        logs: options.logs,
        abortSignal: signal,
        onRetry: options.onRetry,
      }),
      0,
    );

  if (options.mode !== 'polling') {
    const streamUrl = queueRequestUrl(endpointId, requestId, '/status/stream', {
      logs: options.logs ? '1' : '0',
    });
    // `drops` counts failures in a row (reset by any good event); `reconnects` never resets, so a
    // stream that keeps dying after one event is reopened ever more slowly instead of in a tight loop.
    let drops = 0;
    let reconnects = 0;
    while (drops < MAX_STREAM_DROPS) {
      const stream = linkedAbort(signal);
      try {
        const response = await openStatusStream(ctx, endpointId, streamUrl, options);
        const events = readServerSentEvents(response, stream.signal, STATUS_STREAM_IDLE_MS);
        // A connection's first event carries the log so far, later ones only what was added.
        let position = 0;
        for await (const data of events) {
          const update = parseStatus(data);
          drops = 0;
          const from = position;
          position += logCount(update);
          if (update.status === 'COMPLETED') {
            await awaitStreamEnd(events, stream);
            yield withLogs(update, from);
            return;
          }
          yield withLogs(update, from);
        }
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        if (error instanceof StreamingUnavailable) break;
        // Any other API error (401, 5xx after retries, unknown request) is real: report it.
        if (error instanceof ApiError) throw error;
      } finally {
        stream.dispose();
      }
      // The stream ended early, dropped, or sent garbage: catch up with one GET, then reopen.
      drops += 1;
      reconnects += 1;
      const current = await poll();
      yield current;
      if (current.status === 'COMPLETED') return;
      if (drops < MAX_STREAM_DROPS)
        await sleep(Math.min(POLL_START_MS * 2 ** (reconnects - 1), POLL_MAX_MS), signal);
    }
  }

  let delay = options.pollInterval ?? POLL_START_MS;
  let lastStatus: string | undefined;
  while (true) {
    const current = await poll();
    yield current;
    if (current.status === 'COMPLETED') return;
    if (options.pollInterval === undefined) {
      // Speed up again when the request moves on (queued → running), otherwise back off.
      delay = current.status !== lastStatus ? POLL_START_MS : Math.min(delay * POLL_GROWTH, POLL_MAX_MS);
    }
    lastStatus = current.status;
    await sleep(delay, signal);
  }
}

/** How long, after COMPLETED, to wait for the server to end the status stream (fal and the emulator do at once). */
const STREAM_END_GRACE_MS = 50;

/**
 * Reads the status stream to its end before the result is fetched: a body read to the end hands its
 * keep-alive connection back to the pool for the result GET, while a cancelled one resets it and the
 * GET pays for a new connection. A stream still open after the grace period is cancelled.
 */
async function awaitStreamEnd(events: AsyncGenerator<string, void, undefined>, stream: LinkedAbort) {
  const timer = setTimeout(
    () => stream.abort(new Error('status stream left open after COMPLETED')),
    STREAM_END_GRACE_MS,
  );
  try {
    while (!(await events.next()).done) {
      // Anything after COMPLETED is ignored.
    }
  } catch {
    // Cut off by the grace timer or the caller's signal: nothing to report, the job is complete.
  } finally {
    clearTimeout(timer);
  }
}

async function openStatusStream(
  ctx: FalContext,
  endpointId: string,
  url: string,
  options: StatusUpdateOptions,
): Promise<Response> {
  let response: Response;
  try {
    response =
      options.connectionMode === 'client'
        ? await ctx.fetchWithClientToken(endpointId, url, {
            method: 'GET',
            accept: 'text/event-stream',
            signal: options.signal ?? new AbortController().signal,
          })
        : await ctx.request({
            method: 'GET',
            url,
            headers: { accept: 'text/event-stream' },
            signal: options.signal,
            retry: ctx.retryPolicy('status'),
            onRetry: options.onRetry,
          });
  } catch (error) {
    if (error instanceof ApiError && [404, 405, 406, 501].includes(error.status)) {
      throw new StreamingUnavailable(error.message);
    }
    throw error;
  }
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel().catch(() => {});
    throw new StreamingUnavailable('status stream answered without text/event-stream');
  }
  return response;
}

function logCount(update: QueueStatus): number {
  return update.status === 'IN_QUEUE' ? 0 : ((update as { logs?: RequestLog[] | null }).logs?.length ?? 0);
}

function parseStatus(data: string): QueueStatus {
  const parsed: unknown = JSON.parse(data);
  if (!isQueueStatus(parsed)) throw new SyntaxError(`not a queue status: ${data.slice(0, 100)}`);
  return parsed;
}
