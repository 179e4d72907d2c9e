import type { FalContext } from '../context';
import { isBrowser } from '../util/runtime';
import { assertRealtimeOptions, resolveWebSocket } from './assertRealtimeOptions';
import { RealtimeSession } from './realtimeSession';
import type {
  RealtimeClient,
  RealtimeConnection,
  RealtimeConnectionHandler,
  WebSocketConstructor,
} from './realtimeTypes';

export interface RealtimeClientOptions {
  /** WebSocket for every connection that does not pass its own. Default: the global `WebSocket`. */
  WebSocket?: WebSocketConstructor;
}

const noop = () => {};
const NO_OP_CONNECTION: RealtimeConnection<never> = { send: noop, close: noop };

/** Connections by `connectionKey`, shared by every realtime client (as in fal's client). */
const sessions = new Map<string, RealtimeSession>();

/** The realtime API bound to a client's transport (`getContext` is read at connect time). */
export function createRealtimeApi(
  getContext: () => FalContext,
  defaults: RealtimeClientOptions = {},
): RealtimeClient {
  return {
    connect<Input, Output>(
      app: string,
      handler: RealtimeConnectionHandler<Output>,
    ): RealtimeConnection<Input> {
      assertRealtimeOptions(app, handler as RealtimeConnectionHandler<unknown>);
      if (handler.clientOnly && !isBrowser()) return NO_OP_CONNECTION;
      const WebSocket = resolveWebSocket(handler.WebSocket ?? defaults.WebSocket);
      const key = handler.connectionKey ?? crypto.randomUUID();
      const untyped = handler as RealtimeConnectionHandler<unknown>;
      let session = sessions.get(key);
      if (session) session.updateHandler(untyped);
      else {
        const created: RealtimeSession = new RealtimeSession({
          ctx: getContext(),
          app,
          handler: untyped,
          WebSocket,
          onRelease: () => {
            if (sessions.get(key) === created) sessions.delete(key);
          },
        });
        session = created;
        sessions.set(key, session);
      }
      const bound = session;
      return {
        send(input) {
          // A send after close() reconnects; the cache holds the session again meanwhile.
          if (!sessions.has(key)) sessions.set(key, bound);
          bound.send(input);
        },
        close: () => bound.close(),
      };
    },
  };
}
