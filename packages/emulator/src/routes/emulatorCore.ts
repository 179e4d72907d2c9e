import type { AppRegistry } from '../apps/appRegistry.js';
import type { TokenStore } from '../auth/tokenStore.js';
import type { StreamFault } from '../faults/faultTypes.js';
import type { RouteInfo } from '../http/routeInfo.js';
import type { SseStream } from '../http/sseStream.js';
import type { JobQueue } from '../queue/jobQueue.js';
import type { Storage } from '../storage/storage.js';

/** One incoming request as the routes see it. */
export interface RequestScope {
  request: Request;
  route: RouteInfo;
  url: URL;
  /** A truncate/corrupt fault to apply to this request's SSE response. */
  streamFault?: StreamFault;
}

/** The emulator state the routes share. */
export interface EmulatorCore {
  readonly apps: AppRegistry;
  readonly queue: JobQueue;
  readonly tokens: TokenStore;
  storage(): Storage;
  readonly key: string | undefined;
  readonly maxBodyBytes: number;
  now(): number;
  newRequestId(): string;
  /** Opens an SSE body that counts as an open connection and honours the scope's stream fault. */
  openSse(scope: RequestScope, onEnd?: () => void): SseStream;
}
