import { http, type HttpHandler } from 'msw';
import type { Emulator } from '../emulator.js';
import { isConnectionDropped } from '../http/connectionDropped.js';
import { REAL_HOST_ORIGIN } from '../http/realHostOrigin.js';
import { type UrlForm, toRealHostResponse } from '../urls/urlForm.js';

/** The fal hosts intercepted in real-host mode. */
export const FAL_HOSTS = [
  'fal.run',
  'queue.fal.run',
  'rest.fal.ai',
  'rest.alpha.fal.ai',
  'v3.fal.media',
  'v3b.fal.media',
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
  /**
   * URL form of answers to `{origin}/*` requests: `'emulator'` (default) or `'real'`
   * (`https://{host}/…`, see the emulator's `urls` option). Real-host requests always get real URLs.
   */
  urls?: UrlForm;
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
    handlers.push(
      http.all(`${origin}/*`, async ({ request }) => {
        if (options.urls !== 'real') return forward(emulator, request, request.url);
        const url = new URL(request.url);
        const target = `${REAL_HOST_ORIGIN}${url.pathname}${url.search}`;
        return toRealHostResponse(await forward(emulator, request, target));
      }),
    );
  }
  if (options.realHosts ?? !options.origin) {
    for (const host of options.hosts ?? FAL_HOSTS) {
      handlers.push(
        http.all(`https://${host}/*`, async ({ request }) => {
          const url = new URL(request.url);
          const target = `${REAL_HOST_ORIGIN}/${url.host}${url.pathname}${url.search}`;
          return toRealHostResponse(await forward(emulator, request, target));
        }),
      );
    }
  }
  return handlers;
}

export { createRealtimeHandlers } from '../realtime/mswRealtime.js';
export type { RealtimeHandlerOptions } from '../realtime/mswRealtime.js';
