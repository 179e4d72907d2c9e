import { FalError } from './falError';

/** The client-side `timeout` of run/subscribe passed; the server job was cancelled (best effort). */
export class TimeoutError extends FalError {
  readonly timeoutMs: number;
  readonly requestId?: string;

  constructor(timeoutMs: number, requestId?: string) {
    super(`Timed out after ${timeoutMs} ms${requestId ? ` waiting for request ${requestId}` : ''}`);
    this.timeoutMs = timeoutMs;
    this.requestId = requestId;
  }
}
