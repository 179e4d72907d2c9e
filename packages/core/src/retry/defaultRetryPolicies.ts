import type { RetryPolicy } from './retryPolicy';

/** Operations with their own retry policy; `retry.operations` in the config overrides each one. */
export type RetryOperation =
  | 'default'
  | 'run'
  | 'submit'
  | 'status'
  | 'result'
  | 'cancel'
  | 'stream'
  | 'upload';

const GATEWAY = [429, 502, 503, 504] as const;

const base = (maxRetries: number, baseDelayMs: number, maxDelayMs: number): RetryPolicy => ({
  maxRetries,
  baseDelayMs,
  maxDelayMs,
  retryableStatuses: GATEWAY,
  retryTransportErrors: true,
});

/** The official client's table (docs/protocol.md §10.4), with a safe rule for submit. */
export const defaultRetryPolicies: Readonly<Record<RetryOperation, RetryPolicy>> = {
  default: base(3, 1000, 30_000),
  cancel: base(3, 1000, 30_000),
  stream: base(3, 1000, 30_000),
  // Upload initiation and signed PUTs create nothing billable and a PUT is idempotent: a timeout
  // and a 500 are worth another try too.
  upload: { ...base(3, 1000, 30_000), retryableStatuses: [408, ...GATEWAY, 500] },
  run: base(3, 500, 15_000),
  // A POST that reached fal may have created a job: only retry what never got there.
  submit: { ...base(3, 1000, 60_000), onlyUndelivered: true },
  result: base(3, 1000, 60_000),
  status: { ...base(5, 1000, 30_000), retryableStatuses: [...GATEWAY, 500] },
};
