import type { Job, JobStatus, QueuePriority } from './job.js';
import type { JobQueue } from './jobQueue.js';

/** A job as `emulator.jobs()` and `GET /__emulator/jobs` report it. Times are ms since the epoch (from `now`). */
export interface JobInfo {
  requestId: string;
  endpointId: string;
  appId: string;
  mode: 'queue' | 'run' | 'stream';
  status: JobStatus;
  priority: QueuePriority;
  hint?: string;
  queuePosition?: number;
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  /** HTTP status of the stored result, once finished. */
  resultStatus?: number;
  logCount: number;
  webhookUrl?: string;
}

export function toJobInfo(job: Job, queue: JobQueue): JobInfo {
  const position = queue.position(job);
  return {
    requestId: job.id,
    endpointId: job.endpointId,
    appId: job.appId,
    mode: job.mode,
    status: job.status,
    priority: job.priority,
    ...(job.hint !== undefined && { hint: job.hint }),
    ...(position !== undefined && { queuePosition: position }),
    submittedAt: job.submittedAt,
    ...(job.startedAt !== undefined && { startedAt: job.startedAt }),
    ...(job.completedAt !== undefined && { completedAt: job.completedAt }),
    ...(job.result && { resultStatus: job.result.status }),
    logCount: job.logs.length,
    ...(job.webhookUrl !== undefined && { webhookUrl: job.webhookUrl }),
  };
}
