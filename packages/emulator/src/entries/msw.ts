import { http, type HttpHandler } from 'msw';
import type { Emulator } from '../emulator.js';
import { isConnectionDropped } from '../http/connectionDropped.js';
import { REAL_HOST_ORIGIN, toRealUrls } from '../http/realHostOrigin.js';

/** The fal hosts intercepted in real-host mode. */
export const FAL_HOSTS = [
  'fal.run',
  'queue.fal.run',
  'rest.fal.ai',
  'rest.alpha.fal.ai',
  'v3.fal.media',
  'fal.media',
  'storage.googleapis.com',
] as const;

export interface EmulatorHandlerOptions {
  /** Intercept `{origin}/*` (the emulator URL form), e.g. `http://localhost:8787`. */
  origin?: string;
  /**
   * Intercept the real `https://{host}/*` fal URLs so unmodified app code hits the emulator; URLs in
   * responses then use the real `https://{host}/…` form too. Default: true when no `origin` is given.
   */
  realHosts?: boolean;
  /** Hosts for real-host mode. Default {@link FAL_HOSTS}. */
  hosts?: readonly string[];
}

/** Rewrites emulator URLs in a body; SSE bodies are rewritten event by event as they stream. */
function rewriteBody(response: Response): Response {
  if (response.type === 'error') return response;
  const type = response.headers.get('content-type') ?? '';
  const headers = new Headers(response.headers);
  const location = headers.get('location');
  if (location) headers.set('location', toRealUrls(location));
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
      controller.enqueue(encoder.encode(toRealUrls(pending.slice(0, cut + 1))));
      pending = pending.slice(cut + 1);
    },
    flush(controller) {
      pending += decoder.decode();
      if (pending) controller.enqueue(encoder.encode(toRealUrls(pending)));
    },
  });
  return new Response(response.body.pipeThrough(transform), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

async function forward(emulator: Emulator, request: Request, target: string): Promise<Response> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const forwarded =
    target === request.url
      ? request
      : new Request(target, {
          method: request.method,
          headers: request.headers,
          body: hasBody ? await request.arrayBuffer() : null,
          signal: request.signal,
        });
  try {
    return await emulator.fetch(forwarded);
  } catch (error) {
    if (isConnectionDropped(error)) return Response.error();
    throw error;
  }
}

/**
 * msw request handlers that answer from an emulator: `setupServer(...createEmulatorHandlers(emulator))`
 * in Node tests, or `setupWorker(...)` in the browser.
 */
export function createEmulatorHandlers(
  emulator: Emulator,
  options: EmulatorHandlerOptions = {},
): HttpHandler[] {
  const handlers: HttpHandler[] = [];
  if (options.origin) {
    const origin = options.origin.replace(/\/+$/, '');
    handlers.push(http.all(`${origin}/*`, ({ request }) => forward(emulator, request, request.url)));
  }
  if (options.realHosts ?? !options.origin) {
    for (const host of options.hosts ?? FAL_HOSTS) {
      handlers.push(
        http.all(`https://${host}/*`, async ({ request }) => {
          const url = new URL(request.url);
          const target = `${REAL_HOST_ORIGIN}/${url.host}${url.pathname}${url.search}`;
          return rewriteBody(await forward(emulator, request, target));
        }),
      );
    }
  }
  return handlers;
}

export { createRealtimeHandlers } from '../realtime/mswRealtime.js';
export type { RealtimeHandlerOptions } from '../realtime/mswRealtime.js';
