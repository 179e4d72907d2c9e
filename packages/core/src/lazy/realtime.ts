/** `client.realtime`'s WebSocket session and msgpack codec: loaded on the first `send`. */
export { createRealtimeApi } from '../realtime/realtimeClient';
export * from './clientModules';
