/**
 * The state of one fal request (queue or direct) and the one reducer that changes it.
 */
import type { ObservedMetrics, ObservedRequestLog } from './observedClient';
import type { ObserverStatus } from './observerStatus';

export type RequestStatus = Exclude<ObserverStatus, 'streaming' | 'uploading'>;

export interface RequestState<TOutput> {
  status: RequestStatus;
  requestId: string | undefined;
  /** 0-based count of requests ahead while `in_queue`. */
  queuePosition: number | undefined;
  /** The newest log lines so far (at most the observers' `maxLogs`), without duplicates. */
  logs: readonly ObservedRequestLog[];
  data: TOutput | undefined;
  error: Error | undefined;
  metrics: ObservedMetrics | undefined;
  /** Retries of the current operation, when the client reports them. */
  attempts: number;
  submittedAt: number | undefined;
  completedAt: number | undefined;
}

export type RequestAction<TOutput> =
  | { type: 'submit'; at: number }
  | { type: 'resume'; requestId: string; at: number }
  | { type: 'enqueued'; requestId: string; queuePosition: number | undefined }
  | { type: 'queued'; queuePosition: number | undefined }
  | { type: 'running' }
  | { type: 'logs'; logs: readonly ObservedRequestLog[]; maxLogs: number }
  | { type: 'metrics'; metrics: ObservedMetrics | undefined }
  | { type: 'retry'; attempt: number }
  | { type: 'success'; data: TOutput; requestId: string | undefined; at: number }
  | { type: 'error'; error: Error; at: number }
  | { type: 'cancelled'; at: number }
  | { type: 'reset' };

/** Log lines a snapshot keeps by default; older ones are dropped (`onLog` still sees every line). */
export const DEFAULT_MAX_LOGS = 1000;

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
    submittedAt: undefined,
    completedAt: undefined,
  };
}

export function reduceRequestState<TOutput>(
  state: RequestState<TOutput>,
  action: RequestAction<TOutput>,
): RequestState<TOutput> {
  switch (action.type) {
    case 'submit':
      return { ...initialRequestState<TOutput>(), status: 'submitting', submittedAt: action.at };
    case 'resume':
      return {
        ...initialRequestState<TOutput>(),
        status: 'in_progress',
        requestId: action.requestId,
        submittedAt: action.at,
      };
    case 'enqueued':
      return {
        ...state,
        status: 'in_queue',
        requestId: action.requestId,
        queuePosition: action.queuePosition,
      };
    case 'queued':
      if (state.status === 'in_queue' && state.queuePosition === action.queuePosition) return state;
      return { ...state, status: 'in_queue', queuePosition: action.queuePosition };
    case 'running':
      if (state.status === 'in_progress') return state;
      return { ...state, status: 'in_progress', queuePosition: undefined };
    case 'logs':
      if (action.logs.length === 0) return state;
      return { ...state, logs: keepNewest([...state.logs, ...action.logs], action.maxLogs) };
    case 'metrics':
      return action.metrics === undefined ? state : { ...state, metrics: action.metrics };
    case 'retry':
      return { ...state, attempts: action.attempt };
    case 'success':
      return {
        ...state,
        status: 'success',
        data: action.data,
        requestId: action.requestId || state.requestId,
        queuePosition: undefined,
        error: undefined,
        completedAt: action.at,
      };
    case 'error':
      return {
        ...state,
        status: 'error',
        error: action.error,
        queuePosition: undefined,
        completedAt: action.at,
      };
    case 'cancelled':
      return {
        ...state,
        status: 'cancelled',
        error: undefined,
        queuePosition: undefined,
        completedAt: action.at,
      };
    case 'reset':
      return initialRequestState<TOutput>();
  }
}

function keepNewest<T>(items: T[], max: number): T[] {
  return items.length > max ? items.slice(items.length - Math.max(0, max)) : items;
}
