/**
 * The one status vocabulary of falkit: the `status` every observer snapshot carries, the `is*`
 * booleans derived from it (never stored separately, so they cannot disagree with it) and the
 * predicates. `@falkit/react` re-exports these; it does not define its own.
 */
export type ObserverStatus =
  | 'idle'
  | 'submitting'
  | 'in_queue'
  | 'in_progress'
  | 'streaming'
  | 'uploading'
  | 'success'
  | 'error'
  | 'cancelled';

/** Work is under way: submitting, queued, running, streaming or uploading. */
export type PendingStatus = 'submitting' | 'in_queue' | 'in_progress' | 'streaming' | 'uploading';
/** Finished one way or another: success, error or cancelled. */
export type SettledStatus = 'success' | 'error' | 'cancelled';

type Is<S, T> = [S] extends [T] ? true : false;

/** The `is*` booleans of a snapshot whose type does not narrow (see `StatusFlagsOf`). */
export interface StatusFlags {
  isIdle: boolean;
  isSubmitting: boolean;
  isInQueue: boolean;
  isInProgress: boolean;
  isStreaming: boolean;
  isUploading: boolean;
  isSuccess: boolean;
  isError: boolean;
  isCancelled: boolean;
  /** Work is under way: submitting, queued, running, streaming or uploading. */
  isPending: boolean;
  /** Finished one way or another: success, error or cancelled. */
  isSettled: boolean;
}

/**
 * The flags of one status, as literal `true`/`false` types: for a snapshot union, testing a flag
 * (`if (job.isSuccess)`) narrows the whole snapshot (`job.data` is then the output type).
 */
export type StatusFlagsOf<S extends ObserverStatus = ObserverStatus> = S extends ObserverStatus
  ? {
      isIdle: Is<S, 'idle'>;
      isSubmitting: Is<S, 'submitting'>;
      isInQueue: Is<S, 'in_queue'>;
      isInProgress: Is<S, 'in_progress'>;
      isStreaming: Is<S, 'streaming'>;
      isUploading: Is<S, 'uploading'>;
      isSuccess: Is<S, 'success'>;
      isError: Is<S, 'error'>;
      isCancelled: Is<S, 'cancelled'>;
      /** Work is under way: submitting, queued, running, streaming or uploading. */
      isPending: Is<S, PendingStatus>;
      /** Finished one way or another: success, error or cancelled. */
      isSettled: Is<S, SettledStatus>;
    }
  : never;

/** A state union with each member's flags added (distributes over the union's `status`). */
export type WithStatusFlags<TState extends { status: ObserverStatus }> = TState extends unknown
  ? TState & StatusFlagsOf<TState['status']>
  : never;

const PENDING: ReadonlySet<ObserverStatus> = new Set<PendingStatus>([
  'submitting',
  'in_queue',
  'in_progress',
  'streaming',
  'uploading',
]);

/** True while work is under way (the states a cancel button makes sense in). `undefined`: false. */
export function isPendingStatus(status: ObserverStatus | undefined): status is PendingStatus {
  return status !== undefined && PENDING.has(status);
}

/** True once finished: success, error or cancelled. `undefined`: false. */
export function isTerminalStatus(status: ObserverStatus | undefined): status is SettledStatus {
  return status === 'success' || status === 'error' || status === 'cancelled';
}

export function statusFlags<S extends ObserverStatus>(status: S): StatusFlagsOf<S> {
  return {
    isIdle: status === 'idle',
    isSubmitting: status === 'submitting',
    isInQueue: status === 'in_queue',
    isInProgress: status === 'in_progress',
    isStreaming: status === 'streaming',
    isUploading: status === 'uploading',
    isSuccess: status === 'success',
    isError: status === 'error',
    isCancelled: status === 'cancelled',
    isPending: PENDING.has(status),
    isSettled: isTerminalStatus(status),
  } as StatusFlagsOf<S>;
}
