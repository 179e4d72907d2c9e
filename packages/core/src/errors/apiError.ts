import { FalError } from './falError';

export interface ApiErrorArgs<Body = unknown> {
  message: string;
  status: number;
  body?: Body;
  requestId?: string;
  /** `x-fal-request-timeout-type`; `user` means the caller's `startTimeout` expired. */
  timeoutType?: string;
  /** Platform error category from `error_type` / `x-fal-error-type` (e.g. `runner_disconnected`). */
  errorType?: string;
  headers?: Headers;
}

/** A non-2xx answer from fal (or the proxy in front of it). */
export class ApiError<Body = unknown> extends FalError {
  readonly status: number;
  readonly body: Body;
  /** `x-fal-request-id` of the failed request, or `''` when the response had none. */
  readonly requestId: string;
  readonly timeoutType?: string;
  readonly errorType?: string;
  /** Response headers (for `retry-after`, `x-fal-retryable`, ...). */
  readonly headers: Headers;

  constructor(args: ApiErrorArgs<Body>) {
    super(args.message);
    this.status = args.status;
    this.body = args.body as Body;
    this.requestId = args.requestId ?? '';
    this.timeoutType = args.timeoutType;
    this.errorType = args.errorType;
    this.headers = args.headers ?? new Headers();
  }

  /** True when the server gave up because the caller's `startTimeout` passed (never retried). */
  get isUserTimeout(): boolean {
    return this.status === 504 && this.timeoutType === 'user';
  }
}
