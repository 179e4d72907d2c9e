export interface RequestLog {
  message: string;
  level: 'STDERR' | 'STDOUT' | 'ERROR' | 'INFO' | 'WARN' | 'DEBUG';
  source: 'USER';
  timestamp: string;
}

// A type alias (not an interface) so it stays assignable to index-signature shapes.
export type Metrics = {
  inference_time: number | null;
};

interface BaseQueueStatus {
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  request_id: string;
  response_url: string;
  status_url: string;
  cancel_url: string;
}

export interface InQueueQueueStatus extends BaseQueueStatus {
  status: 'IN_QUEUE';
  /** 0-based count of requests ahead of this one. */
  queue_position: number;
}

export interface InProgressQueueStatus extends BaseQueueStatus {
  status: 'IN_PROGRESS';
  logs: RequestLog[];
}

export interface CompletedQueueStatus extends BaseQueueStatus {
  status: 'COMPLETED';
  logs: RequestLog[];
  metrics?: Metrics;
  /** Set when the request failed; the result call then rejects with the model's error. */
  error?: string;
  error_type?: string;
}

/** A queued request's status, discriminated by `status`. */
export type QueueStatus = InQueueQueueStatus | InProgressQueueStatus | CompletedQueueStatus;

export function isQueueStatus(value: unknown): value is QueueStatus {
  const status = (value as { status?: unknown } | null)?.status;
  return status === 'IN_QUEUE' || status === 'IN_PROGRESS' || status === 'COMPLETED';
}

export function isQueued(status: QueueStatus): status is InQueueQueueStatus {
  return status.status === 'IN_QUEUE';
}

export function isInProgress(status: QueueStatus): status is InProgressQueueStatus {
  return status.status === 'IN_PROGRESS';
}

export function isCompleted(status: QueueStatus): status is CompletedQueueStatus {
  return status.status === 'COMPLETED';
}

/** Official-client name for `isCompleted` that accepts anything. */
export function isCompletedQueueStatus(value: unknown): value is CompletedQueueStatus {
  return isQueueStatus(value) && value.status === 'COMPLETED';
}
