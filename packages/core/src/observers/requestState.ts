/**
 * The state of one fal request (queue or direct) and the one reducer that changes it. The state is
 * a union discriminated by `status`: `data` is the output only in `success`, `error` is set only in
 * `error`, `queuePosition` is a number only in `in_queue` (elsewhere they are `undefined`).
 */
import type { ObservedMetrics, ObservedRequestLog } from './observedClient';
import type { ObserverStatus } from './observerStatus';

export type RequestStatus = Exclude<ObserverStatus, 'streaming' | 'uploading'>;

/** What every request state carries, whatever its status. */
export interface RequestStateBase {
  requestId: string | undefined;
  /** The newest log lines so far (at most `maxLogs`), each line once. */
  logs: readonly ObservedRequestLog[];
  metrics: ObservedMetrics | undefined;
  /** Retries of the current operation, when the client reports them (0: none). */
  attempts: number;
  /** Why the last retry happened (the failure's message), when the client reports it. */
  lastRetryReason: string | undefined;
  /** When the request was submitted (or re-attached to), ms since the epoch. */
  submittedAt: number | undefined;
  /** When the job was first seen running (left the queue), ms since the epoch. */
  startedAt: number | undefined;
  /** When it settled (success, error or cancelled), ms since the epoch. */
  completedAt: number | undefined;
}

interface Unfinished {
  data: undefined;
  error: undefined;
}

export type RequestState<TOutput> =
  | (RequestStateBase & Unfinished & { status: 'idle'; queuePosition: undefined })
  | (RequestStateBase & Unfinished & { status: 'submitting'; queuePosition: undefined })
  | (RequestStateBase &
      Unfinished & {
        status: 'in_queue';
        /** 0-based count of requests ahead. */
        queuePosition: number;
      })
  | (RequestStateBase & Unfinished & { status: 'in_progress'; queuePosition: undefined })
  | (RequestStateBase & { status: 'success'; queuePosition: undefined; data: TOutput; error: undefined })
  | (RequestStateBase & {
      status: 'error';
      queuePosition: undefined;
      data: undefined;
      /**
       * A `FalError` (`ApiError`, `ValidationError`, `TimeoutError`, …) for everything the fal client
       * reports, but a `NetworkError` is a `TypeError` (as `fetch` throws) and a custom client may
       * throw anything, so the type is `Error`: refine with `instanceof`.
       */
      error: Error;
    })
  | (RequestStateBase & Unfinished & { status: 'cancelled'; queuePosition: undefined });

export type RequestAction<TOutput> =
  | { type: 'submit'; at: number }
  | { type: 'resume'; requestId: string; at: number }
  | { type: 'enqueued'; requestId: string; queuePosition: number }
  | { type: 'queued'; queuePosition: number }
  | { type: 'running'; at: number }
  | { type: 'logs'; logs: readonly ObservedRequestLog[] }
  | { type: 'metrics'; metrics: ObservedMetrics | undefined }
  | { type: 'retry'; attempt: number; reason: string | undefined }
  | { type: 'success'; data: TOutput; requestId: string | undefined; at: number }
  | { type: 'error'; error: Error; at: number }
  | { type: 'cancelled'; at: number }
  | { type: 'reset' };

export function initialRequestState<TOutput>(): RequestState<TOutput> {
  return {
    status: 'idle',
    requestId: undefined,
    queuePosition: undefined,
    logs: [],
    data: undefined,
    error: undefined,
    metrics: undefined,
    attempts: 0,
    lastRetryReason: undefined,
    submittedAt: undefined,
    startedAt: undefined,
    completedAt: undefined,
  };
}

/** The fields every unfinished state shares, taken from `state`. */
function unfinished<TOutput>(state: RequestState<TOutput>): RequestStateBase & Unfinished {
  const { requestId, logs, metrics, attempts, lastRetryReason, submittedAt, startedAt, completedAt } = state;
  return {
    requestId,
    logs,
    metrics,
    attempts,
    lastRetryReason,
    submittedAt,
    startedAt,
    completedAt,
    data: undefined,
    error: undefined,
  };
}

export function reduceRequestState<TOutput>(
  state: RequestState<TOutput>,
  action: RequestAction<TOutput>,
): RequestState<TOutput> {
  switch (action.type) {
    case 'submit':
      return {
        ...initialRequestState<TOutput>(),
        status: 'submitting',
        submittedAt: action.at,
      } as RequestState<TOutput>;
    case 'resume':
      return {
        ...initialRequestState<TOutput>(),
        status: 'in_progress',
        requestId: action.requestId,
        submittedAt: action.at,
        startedAt: action.at,
      } as RequestState<TOutput>;
    case 'enqueued':
      return {
        ...unfinished(state),
        status: 'in_queue',
        requestId: action.requestId,
        queuePosition: action.queuePosition,
      };
    case 'queued':
      if (state.status === 'in_queue' && state.queuePosition === action.queuePosition) return state;
      return { ...unfinished(state), status: 'in_queue', queuePosition: action.queuePosition };
    case 'running':
      if (state.status === 'in_progress') return state;
      return {
        ...unfinished(state),
        status: 'in_progress',
        queuePosition: undefined,
        startedAt: state.startedAt ?? action.at,
      };
    case 'logs':
      // The logs are already accumulated and bounded (`LogAccumulator`): take them as they are.
      return action.logs === state.logs ? state : { ...state, logs: action.logs };
    case 'metrics':
      return action.metrics === undefined ? state : { ...state, metrics: action.metrics };
    case 'retry':
      return { ...state, attempts: action.attempt, lastRetryReason: action.reason };
    case 'success':
      return {
        ...unfinished(state),
        status: 'success',
        data: action.data,
        requestId: action.requestId || state.requestId,
        queuePosition: undefined,
        error: undefined,
        completedAt: action.at,
      };
    case 'error':
      return {
        ...unfinished(state),
        status: 'error',
        error: action.error,
        queuePosition: undefined,
        completedAt: action.at,
      };
    case 'cancelled':
      return { ...unfinished(state), status: 'cancelled', queuePosition: undefined, completedAt: action.at };
    case 'reset':
      return initialRequestState<TOutput>();
  }
}
