import type { ValidationIssue } from '../http/jsonResponse.js';
import type { Storage } from '../storage/storage.js';

export type LogLevel = 'STDERR' | 'STDOUT' | 'ERROR' | 'INFO' | 'WARN' | 'DEBUG';

/** What an app handler receives for one request. */
export interface AppContext {
  /** Parsed JSON input (the request body, or `{}` when empty). */
  input: unknown;
  /** The full endpoint id the caller used, e.g. `fal-ai/flux/dev`. */
  endpointId: string;
  /** Segments after the registered app id (e.g. `['image-to-image']`), usually empty. */
  subpath: string[];
  requestId: string;
  /** Adds a log line visible through queue status (`logs=1`). */
  log(message: string, level?: LogLevel): void;
  /**
   * Adds several log lines at once, as a busy app's flushed output: one status-stream event carries
   * them all (`log` pushes one event per line).
   */
  logLines(messages: readonly string[], level?: LogLevel): void;
  /** Aborted when the request is cancelled or its caller disconnects. */
  signal: AbortSignal;
  /** The incoming HTTP request (headers, query); its body has already been read. */
  request: Request;
  storage: Storage;
  /** Waits `ms` scaled by the emulator's `speed` (0 = no wait); rejects when the request is cancelled. */
  sleep(ms: number): Promise<void>;
  /** Stores bytes in emulator storage (honouring the request's lifecycle preference); returns the file URL. */
  upload(bytes: Uint8Array, contentType: string, fileName?: string): string;
  /** Reads a `data:` URL or a file held by emulator storage; undefined when it is neither. */
  readFile(url: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined>;
}

/**
 * An app: return (or resolve) the output, throw an {@link AppError} for an HTTP error, or be an
 * async generator for streaming endpoints — each yield is an event and the last one is the result.
 */
export type AppHandler = (context: AppContext) => unknown | Promise<unknown> | AsyncIterable<unknown>;

/** Thrown by an app to answer with a specific status and body (for example a 422 validation error). */
export class AppError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(
      typeof body === 'object' && body && 'detail' in body
        ? String((body as { detail: unknown }).detail)
        : `HTTP ${status}`,
    );
    this.name = 'AppError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** A 422 with FastAPI's `{detail: [{loc, msg, type}]}` body. */
export function inputError(issues: ValidationIssue[]): AppError {
  return new AppError(422, { detail: issues });
}

/** The 422 a pydantic model gives for a missing required field. */
export function missingField(field: string): AppError {
  return inputError([{ loc: ['body', field], msg: 'field required', type: 'value_error.missing' }]);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
