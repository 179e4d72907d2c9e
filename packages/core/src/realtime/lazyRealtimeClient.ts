import type { FalContext } from '../context';
import { ApiError } from '../errors/apiError';
import { isBrowser } from '../util/runtime';
import { assertRealtimeOptions, resolveWebSocket } from './assertRealtimeOptions';
import type { RealtimeClient, RealtimeConnection, RealtimeConnectionHandler } from './realtimeTypes';
import { callSafely } from '../util/callSafely';

const noop = () => {};

/**
 * `client.realtime`: validates at `connect` like the real thing, but loads the WebSocket and msgpack
 * code (`loadCode`: the client's lazy realtime module) on the first `send`, so the main bundle carries neither. Until it has
 * loaded only the latest input is kept, as a connecting socket does anyway.
 */
export function createLazyRealtimeClient(
  getContext: () => FalContext,
  loadCode: () => Promise<Pick<typeof import('./realtimeClient'), 'createRealtimeApi'>>,
): RealtimeClient {
  return {
    connect<Input, Output>(
      app: string,
      handler: RealtimeConnectionHandler<Output>,
    ): RealtimeConnection<Input> {
      assertRealtimeOptions(app, handler as RealtimeConnectionHandler<unknown>);
      if (handler.clientOnly && !isBrowser()) return { send: noop, close: noop };
      resolveWebSocket(handler.WebSocket);
      let real: RealtimeConnection<Input> | undefined;
      let queued: { input: Parameters<RealtimeConnection<Input>['send']>[0] } | undefined;
      let loading = false;
      const load = () => {
        if (loading) return;
        loading = true;
        void loadCode().then(
          ({ createRealtimeApi }) => {
            real = createRealtimeApi(getContext).connect<Input, Output>(app, handler);
            const next = queued;
            queued = undefined;
            if (next) real.send(next.input);
          },
          (error: unknown) => {
            loading = false;
            const failure = new ApiError({
              message: `Could not load the realtime client: ${String(error)}`,
              status: 500,
            });
            const { onError } = handler;
            if (onError) callSafely(() => onError(failure));
          },
        );
      };
      return {
        send(input) {
          if (real) return real.send(input);
          queued = { input };
          load();
        },
        close() {
          queued = undefined;
          real?.close();
        },
      };
    },
  };
}
