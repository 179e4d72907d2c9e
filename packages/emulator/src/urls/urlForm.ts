import { REAL_HOST_ORIGIN, toRealUrls } from '../http/realHostOrigin.js';

/**
 * How absolute URLs in responses are written (file, upload, storage and queue URLs alike):
 * - `'emulator'`: `{origin}/{host}/{path}`, loadable as is (a browser `<img src>`, curl);
 * - `'real'`: `https://{host}/{path}`, what real fal answers. For Node clients whose `fetch` maps fal
 *   hosts to the emulator (the Vercel AI SDK refuses to download from loopback addresses), and msw.
 * Either way, every URL is served at `{origin}/{host}/{path}`.
 */
export type UrlForm = 'emulator' | 'real';

export const URL_FORMS: readonly UrlForm[] = ['emulator', 'real'];

export function isUrlForm(value: unknown): value is UrlForm {
  return (URL_FORMS as readonly unknown[]).includes(value);
}

/**
 * The same request addressed at the placeholder origin whose URLs {@link toRealHostResponse} turns
 * back into `https://{host}`. The body is passed on as a stream (never buffered).
 */
export function toRealHostRequest(request: Request, hostAndPath: string): Request {
  const target = `${REAL_HOST_ORIGIN}${hostAndPath}`;
  if (target === request.url) return request;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  return new Request(target, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? request.body : null,
    signal: request.signal,
    ...(hasBody && { duplex: 'half' }),
  } as RequestInit);
}

/** Rewrites placeholder URLs in a response to `https://{host}`; SSE bodies are rewritten event by event. */
export function toRealHostResponse(response: Response): Response {
  return rewriteResponseText(response, toRealUrls);
}

/**
 * Applies `rewrite` to the `Location` header and to JSON and SSE bodies (line by line as they
 * stream, so a rewrite never splits an event). Other bodies pass through untouched.
 */
export function rewriteResponseText(response: Response, rewrite: (text: string) => string): Response {
  if (response.type === 'error') return response;
  const type = response.headers.get('content-type') ?? '';
  const headers = new Headers(response.headers);
  const location = headers.get('location');
  if (location) headers.set('location', rewrite(location));
  if (!response.body || !(type.includes('json') || type.includes('text/event-stream'))) {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  headers.delete('content-length');
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      const cut = pending.lastIndexOf('\n');
      if (cut === -1) return;
      controller.enqueue(encoder.encode(rewrite(pending.slice(0, cut + 1))));
      pending = pending.slice(cut + 1);
    },
    flush(controller) {
      pending += decoder.decode();
      if (pending) controller.enqueue(encoder.encode(rewrite(pending)));
    },
  });
  return new Response(response.body.pipeThrough(transform), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** A JSON value with every placeholder URL in it turned into `https://{host}` (webhook payloads). */
export function withRealHostUrls<T>(value: T): T {
  if (value === undefined) return value;
  const text = JSON.stringify(value);
  const rewritten = toRealUrls(text);
  return rewritten === text ? value : (JSON.parse(rewritten) as T);
}
