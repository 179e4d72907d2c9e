/**
 * `@falkit/core/realtime`: fal's realtime (WebSocket) API. A separate entry so the msgpack codec
 * never lands in the main bundle; `client.realtime` loads this code on first use.
 */
import { type FalClient, contextOf } from '../client';
import { defaultContext, fal } from '../fal';
import { type RealtimeClientOptions, createRealtimeApi } from '../realtime/realtimeClient';
import type { RealtimeClient } from '../realtime/realtimeTypes';

/** A realtime client for `client` (default: the shared `fal` instance, following `fal.config`). */
export function createRealtimeClient(
  client?: FalClient,
  options: RealtimeClientOptions = {},
): RealtimeClient {
  const getContext = () => (client === undefined || client === fal ? defaultContext() : contextOf(client));
  if (client !== undefined && client !== fal) contextOf(client);
  return createRealtimeApi(getContext, options);
}

export type { RealtimeClientOptions } from '../realtime/realtimeClient';
export type {
  RealtimeClient,
  RealtimeConnection,
  RealtimeConnectionHandler,
  RealtimeTokenProvider,
  WebSocketConstructor,
  WebSocketLike,
} from '../realtime/realtimeTypes';
export { decodeRealtimeMessage, encodeRealtimeMessage } from '../realtime/realtimeCodec';
