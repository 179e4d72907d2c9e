import type { IncomingMessage, ServerResponse } from 'node:http';
import { proxyErrorResponse } from '../errors';

// Type-only imports of node:http: this file runs wherever Node-style req/res objects exist (Node, Express,
// Next.js pages router) without importing Node modules, so the nextjs entry stays loadable everywhere.

/** A Node request that a framework may already have read (Express body parsers, Next.js pages router). */
export type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/** Thrown when a body parser consumed the request before the proxy could stream it. */
export class BodyAlreadyParsedError extends Error {
  override readonly name = 'BodyAlreadyParsedError';
}

/** Converts a Node request to a web Request whose body streams from the socket, with backpressure. */
export function toWebRequest(req: NodeRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = bodyOf(req);
    init.duplex = 'half';
  }
  return new Request(requestUrl(req), init);
}

function requestUrl(req: NodeRequest): string {
  const path = req.originalUrl ?? req.url ?? '/';
  const protocol = (req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http';
  try {
    return new URL(path, `${protocol}://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    // A malformed Host header must not break the proxy; the URL is informational only.
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost').href;
  }
}

function bodyOf(req: NodeRequest): BodyInit | null {
  if (req.body !== undefined) {
    // Raw bytes or text from a parser can be forwarded losslessly; parsed JSON or forms cannot.
    if (req.body instanceof Uint8Array) return new Uint8Array(req.body);
    if (typeof req.body === 'string') return new TextEncoder().encode(req.body);
    // body-parser marks parsed requests with `_body`; Next.js reads the stream to its end.
    if (req.readableEnded || (req as { _body?: boolean })._body === true) {
      throw new BodyAlreadyParsedError(
        'A body parser read the request before the fal proxy. Mount the proxy before express.json() / ' +
          'express.urlencoded(), or in the Next.js pages router export config = { api: { bodyParser: false } }.',
      );
    }
  }
  if (req.readableEnded) return null;
  return nodeStream(req);
}

function nodeStream(req: IncomingMessage): ReadableStream<Uint8Array<ArrayBuffer>> {
  let finished = false;
  return new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      start(controller) {
        req.on('data', (chunk: Uint8Array | string) => {
          if (finished) return;
          controller.enqueue(
            typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk),
          );
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (finished) return;
          finished = true;
          controller.close();
        });
        req.once('error', (error) => {
          if (finished) return;
          finished = true;
          controller.error(error);
        });
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        // The proxy stopped reading (e.g. body too large): stop buffering, let the socket drain into nothing.
        finished = true;
        req.resume();
      },
    },
    { highWaterMark: 1 },
  );
}

/** Writes a web Response to a Node response, streaming the body and stopping when the client goes away. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    const existing = res.getHeader(name);
    res.setHeader(name, existing === undefined ? value : [...[existing].flat().map(String), value]);
  }
  if (!response.body) {
    res.end();
    return;
  }
  // Send headers now: an SSE client should see the response start before the first event.
  res.flushHeaders();
  const reader = response.body.getReader();
  const stop = () => {
    reader.cancel().catch(() => {});
  };
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    // Upstream failed mid-stream: the status is already sent, so cutting the connection is the only signal.
    res.destroy();
  } finally {
    res.off('close', stop);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Methods Node's HTTP server accepts but the fetch `Request` constructor refuses. */
const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE']);

/** Runs a web handler for a Node request/response pair. */
export async function runOnNode(
  handler: (request: Request) => Promise<Response>,
  req: NodeRequest,
  res: ServerResponse,
): Promise<void> {
  const abort = new AbortController();
  // `close` on the response fires when the client disconnects (or after we finish): abort upstream then.
  res.once('close', () => {
    if (!res.writableFinished) abort.abort(new Error('Client disconnected'));
  });
  let response: Response;
  const method = (req.method ?? 'GET').toUpperCase();
  if (FETCH_FORBIDDEN_METHODS.has(method)) {
    // `new Request` throws for these, so they would surface as a 500; they are simply not allowed.
    await sendWebResponse(
      res,
      proxyErrorResponse(405, 'method_not_allowed', `${method} is not allowed on the fal proxy.`),
    );
    return;
  }
  try {
    response = await handler(toWebRequest(req, abort.signal));
  } catch (error) {
    if (!(error instanceof BodyAlreadyParsedError)) throw error;
    response = proxyErrorResponse(500, 'invalid_body', error.message);
  }
  // Refused before the body was read (e.g. 413): close the connection instead of draining a huge upload.
  if (!req.readableEnded && response.status >= 400) res.shouldKeepAlive = false;
  await sendWebResponse(res, response);
}

/**
 * A Node request listener around a web handler (Node `http`, Next.js pages router). `runOnNode` only throws
 * before a response started; the client then gets a JSON 500 instead of a hanging connection.
 */
export function nodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      await runOnNode(handler, req, res);
    } catch {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      await sendWebResponse(
        res,
        proxyErrorResponse(500, 'internal_error', 'The fal proxy failed unexpectedly.'),
      );
    }
  };
}
