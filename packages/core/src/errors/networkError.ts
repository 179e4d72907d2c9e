import { FAL_ERROR_BRAND } from './falError';

export interface NetworkErrorArgs {
  /** The platform's own failure (`TypeError: fetch failed`, `terminated`, ...), kept as `cause`. */
  cause: unknown;
  method: string;
  url: string;
}

/**
 * The connection failed before a complete answer arrived: refused, DNS, reset, or dropped mid-body.
 * It extends `TypeError`, the type fetch itself throws (and `@fal-ai/client` passes through), and is
 * also `instanceof FalError`. The message starts with the platform's (`fetch failed`), then names
 * the request (query string left out: it may hold a token). Retried only where no duplicate job can
 * result; a submit that failed this way may or may not have created a job.
 */
export class NetworkError extends TypeError {
  readonly [FAL_ERROR_BRAND] = true;
  readonly method: string;
  /** The URL that was fetched, without its query string. */
  readonly url: string;

  constructor(args: NetworkErrorArgs) {
    const url = withoutQuery(args.url);
    const detail = describeCause(args.cause);
    super(`${detail} (${args.method.toUpperCase()} ${url})`, { cause: args.cause });
    this.name = 'NetworkError';
    this.method = args.method.toUpperCase();
    this.url = url;
  }
}

function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** `fetch failed: ECONNREFUSED` — the platform's message plus the first error code in the chain. */
function describeCause(cause: unknown): string {
  const message = cause instanceof Error && cause.message ? cause.message : 'Network request failed';
  const seen = new Set<unknown>();
  let current = cause;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return `${message}: ${code}`;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}
