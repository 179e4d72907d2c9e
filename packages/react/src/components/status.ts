/**
 * Every status a component can show. The hooks' status unions (`useFalSubscribe`, `useFalRun`,
 * `useFalStream`, `useUpload`) are subsets of this, so a snapshot's `status` passes straight in.
 */
export type FalComponentStatus =
  | 'idle'
  | 'submitting'
  | 'in_queue'
  | 'in_progress'
  | 'uploading'
  | 'streaming'
  | 'success'
  | 'error'
  | 'cancelled';

const activeStatuses: ReadonlySet<FalComponentStatus> = new Set([
  'submitting',
  'in_queue',
  'in_progress',
  'uploading',
  'streaming',
]);

/** True while work is under way: the states a cancel button makes sense in. */
export function isActiveStatus(status: FalComponentStatus | undefined): boolean {
  return status !== undefined && activeStatuses.has(status);
}

export function isTerminalStatus(status: FalComponentStatus | undefined): boolean {
  return status === 'success' || status === 'error' || status === 'cancelled';
}

/** A log line as fal sends it (`{message, level, source, timestamp}`); only `message` is required. */
export interface FalLogLike {
  message: string;
  level?: string;
  source?: string;
  timestamp?: string;
}
