import { publicUrl } from '../http/routeInfo.js';
import type { Job, LogEntry } from './job.js';
import type { JobQueue } from './jobQueue.js';

export interface QueueUrls {
  response_url: string;
  status_url: string;
  cancel_url: string;
}

/** The three queue URLs, built from owner/alias only (never the endpoint path). */
export function queueUrls(origin: string, host: string, job: Job): QueueUrls {
  const base = publicUrl(origin, host, `/${job.queueBase}/requests/${job.id}`);
  return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
}

export interface StatusBody extends QueueUrls {
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  request_id: string;
  queue_position?: number;
  logs?: LogEntry[] | null;
  metrics?: { inference_time: number | null };
  error?: string;
  error_type?: string;
}

/** The status object of docs/protocol.md §4.2; `logs` is the given slice, or null when not requested. */
export function statusBody(job: Job, queue: JobQueue, urls: QueueUrls, logs: LogEntry[] | null): StatusBody {
  const common = { request_id: job.id, ...urls };
  if (job.status === 'IN_QUEUE') {
    return { status: 'IN_QUEUE', ...common, queue_position: queue.position(job) ?? 0 };
  }
  if (job.status === 'IN_PROGRESS') return { status: 'IN_PROGRESS', ...common, logs };
  const inferenceTime =
    job.startedAt !== undefined && job.completedAt !== undefined
      ? (job.completedAt - job.startedAt) / 1000
      : null;
  return {
    status: 'COMPLETED',
    ...common,
    logs,
    metrics: { inference_time: inferenceTime },
    ...(job.error && { error: job.error.message, error_type: job.error.type }),
  };
}
