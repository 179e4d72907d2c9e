/**
 * The one `status` every observer snapshot carries, and the `is*` booleans derived from it (never
 * stored separately, so they cannot disagree with it).
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

const PENDING: ReadonlySet<ObserverStatus> = new Set([
  'submitting',
  'in_queue',
  'in_progress',
  'streaming',
  'uploading',
]);

export function isPendingStatus(status: ObserverStatus): boolean {
  return PENDING.has(status);
}

export function isTerminalStatus(status: ObserverStatus): boolean {
  return status === 'success' || status === 'error' || status === 'cancelled';
}

export function statusFlags(status: ObserverStatus): StatusFlags {
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
  };
}
