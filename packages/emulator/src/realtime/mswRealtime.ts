import { decode, encode } from '@msgpack/msgpack';
import { type WebSocketHandler, ws } from 'msw';
import type { Emulator } from '../emulator.js';
import { REAL_HOST_ORIGIN, toRealUrls } from '../http/realHostOrigin.js';

/** Hosts whose `wss://` URLs are intercepted in real-host mode. */
const REALTIME_HOSTS = ['fal.run', 'ws.fal.run'] as const;

export interface RealtimeHandlerOptions {
  /** Intercept `ws(s)://{origin host}/*` (the emulator URL form), e.g. `http://localhost:8787`. */
  origin?: string;
  /** Intercept `wss://fal.run/*` and `wss://ws.fal.run/*`. Default: true when no `origin` is given. */
  realHosts?: boolean;
}

type ClientData = string | Blob | ArrayBuffer | ArrayBufferView;

async function toFrame(data: ClientData): Promise<Uint8Array | string> {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(await data.arrayBuffer());
}

/** Emulator URLs inside a result become `https://{host}/…` (what real-host mode promises). */
function withRealUrls(value: unknown): unknown {
  if (typeof value === 'string') return toRealUrls(value);
  if (Array.isArray(value)) return value.map(withRealUrls);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withRealUrls(item)]));
  }
  return value;
}

/** A refused handshake cannot answer over HTTP here: close with 4000 + status and the body as reason. */
async function refusalClose(response: Response): Promise<[number, string]> {
  const text = (await response.text()).slice(0, 120);
  return [4000 + Math.min(Math.max(response.status, 0), 999), text];
}

/**
 * msw `ws` handlers serving the emulator's realtime endpoint, for browsers (`setupWorker`) and Node
 * runtimes with a global `WebSocket`: `setupServer(...createEmulatorHandlers(e), ...createRealtimeHandlers(e))`.
 * No handshake headers exist here, so with a `key` the URL's `fal_jwt_token` is the only credential.
 */
export function createRealtimeHandlers(
  emulator: Emulator,
  options: RealtimeHandlerOptions = {},
): WebSocketHandler[] {
  const routes: { pattern: string; target(url: URL): string; realUrls: boolean }[] = [];
  if (options.origin) {
    const origin = new URL(options.origin);
    const wsOrigin = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`;
    routes.push({
      pattern: `${wsOrigin}/*`,
      target: (url) => `${origin.origin}${url.pathname}${url.search}`,
      realUrls: false,
    });
  }
  if (options.realHosts ?? !options.origin) {
    for (const host of REALTIME_HOSTS) {
      routes.push({
        pattern: `wss://${host}/*`,
        target: (url) => `${REAL_HOST_ORIGIN}/${url.host}${url.pathname}${url.search}`,
        realUrls: true,
      });
    }
  }
  return routes.map(({ pattern, target, realUrls }) => {
    const link = ws.link(pattern);
    return link.addEventListener('connection', ({ client }) => {
      const socket = {
        send(data: Uint8Array | string) {
          client.send(realUrls && typeof data !== 'string' ? encode(withRealUrls(decode(data))) : data);
        },
        close: (code: number, reason?: string) => client.close(code, reason),
      };
      const opened = emulator.openRealtime(new Request(target(client.url)), socket).then(async (result) => {
        if (result === undefined) {
          client.close(1006, 'dropped by fault');
          return undefined;
        }
        if (result instanceof Response) {
          client.close(...(await refusalClose(result)));
          return undefined;
        }
        return result;
      });
      // Frames are applied in order, after the handshake.
      let chain = opened.then(() => {});
      client.addEventListener('message', (event) => {
        chain = chain.then(async () => (await opened)?.receive(await toFrame(event.data as ClientData)));
      });
      client.addEventListener('close', () => {
        void opened.then((connection) => connection?.closed());
      });
    });
  });
}
