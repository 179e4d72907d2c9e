/** One request as the emulator saw it. */
export interface RequestLogEntry {
  /** Sequence number, starting at 1. */
  id: number;
  method: string;
  /** The URL as received, e.g. `http://127.0.0.1:8787/queue.fal.run/fal-ai/fast-sdxl`. */
  url: string;
  /** The fal host it addressed (`''` for control and unknown routes). */
  host: string;
  /** Path on that host. */
  path: string;
  /** Response status; 0 when the connection was dropped by a fault. */
  status: number;
  /** ISO-8601 time the request arrived. */
  time: string;
  /** Time until the response headers were ready (a stream's body may run longer). */
  durationMs: number;
  /** `x-fal-request-id` of the response, when it had one. */
  requestId?: string;
  /** The fault that shaped this response, if any. */
  fault?: string;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counter = 0;
  private readonly limit: number;

  constructor(limit = 10_000) {
    this.limit = limit;
  }

  record(entry: Omit<RequestLogEntry, 'id'>): RequestLogEntry {
    const full = { id: ++this.counter, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return full;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
