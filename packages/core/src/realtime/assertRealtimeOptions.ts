import { parseEndpointId } from '../endpoint/parseEndpointId';
import { FalInputError } from '../errors/falInputError';
import type { RealtimeConnectionHandler, WebSocketConstructor } from './realtimeTypes';

const FUNCTIONS = ['onResult', 'onError', 'tokenProvider', 'encodeMessage', 'decodeMessage'] as const;

/** Throws `FalInputError` for a malformed app id or option (no msgpack here: the main entry imports this). */
export function assertRealtimeOptions(app: string, handler: RealtimeConnectionHandler<unknown>): void {
  parseEndpointId(app);
  if (typeof handler !== 'object' || handler === null)
    throw new FalInputError('must be an object', 'handler');
  if (typeof handler.onResult !== 'function') throw new FalInputError('must be a function', 'onResult');
  for (const name of FUNCTIONS) {
    const value = handler[name];
    if (value !== undefined && typeof value !== 'function')
      throw new FalInputError('must be a function', name);
  }
  const { maxBuffering, throttleInterval, tokenExpirationSeconds, path, connectionKey } = handler;
  if (
    maxBuffering !== undefined &&
    !(Number.isInteger(maxBuffering) && maxBuffering >= 1 && maxBuffering <= 60)
  ) {
    throw new FalInputError(
      `must be an integer between 1 and 60, got ${String(maxBuffering)}`,
      'maxBuffering',
    );
  }
  if (
    throttleInterval !== undefined &&
    !(typeof throttleInterval === 'number' && Number.isFinite(throttleInterval) && throttleInterval >= 0)
  ) {
    throw new FalInputError(
      `must be a number of ms >= 0, got ${String(throttleInterval)}`,
      'throttleInterval',
    );
  }
  if (
    tokenExpirationSeconds !== undefined &&
    !(
      typeof tokenExpirationSeconds === 'number' &&
      tokenExpirationSeconds > 0 &&
      Number.isFinite(tokenExpirationSeconds)
    )
  ) {
    throw new FalInputError(
      `must be a positive number of seconds, got ${String(tokenExpirationSeconds)}`,
      'tokenExpirationSeconds',
    );
  }
  const { openTimeoutMs } = handler;
  if (
    openTimeoutMs !== undefined &&
    !(typeof openTimeoutMs === 'number' && Number.isFinite(openTimeoutMs) && openTimeoutMs > 0)
  ) {
    throw new FalInputError(`must be a positive number of ms, got ${String(openTimeoutMs)}`, 'openTimeoutMs');
  }
  if (path !== undefined && typeof path !== 'string') throw new FalInputError('must be a string', 'path');
  if (connectionKey !== undefined && (typeof connectionKey !== 'string' || connectionKey === '')) {
    throw new FalInputError('must be a non-empty string', 'connectionKey');
  }
  if (handler.WebSocket !== undefined && typeof handler.WebSocket !== 'function') {
    throw new FalInputError('must be a WebSocket constructor', 'WebSocket');
  }
}

/** The WebSocket to use: the option, else the global one; a clear error where there is none (Node 20). */
export function resolveWebSocket(option: WebSocketConstructor | undefined): WebSocketConstructor {
  const found = option ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof found !== 'function') {
    throw new FalInputError(
      "this runtime has no global WebSocket (Node < 22): pass one, e.g. `WebSocket` from the 'ws' package",
      'WebSocket',
    );
  }
  return found;
}
