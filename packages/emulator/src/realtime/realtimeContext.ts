import { decodeDataUrl } from '../apps/dataUrl.js';
import { scaledSleep } from '../apps/scaledSleep.js';
import type { Storage } from '../storage/storage.js';
import type { RealtimeContext } from './realtimeTypes.js';

export interface RealtimeContextInit {
  input: unknown;
  endpointId: string;
  subpath: string[];
  requestId: string;
  signal: AbortSignal;
  /** The handshake request (URL with query, headers). */
  request: Request;
  storage: Storage;
  /** Public emulator origin, for the URLs of uploaded files. */
  origin: string;
  speed: number;
}

/** The per-input context: same helpers as an HTTP app; log lines go nowhere (realtime has no status). */
export function createRealtimeContext(init: RealtimeContextInit): RealtimeContext {
  const { signal, storage } = init;
  return {
    input: init.input,
    endpointId: init.endpointId,
    subpath: init.subpath,
    requestId: init.requestId,
    signal,
    request: init.request,
    storage,
    log() {},
    logLines() {},
    sleep: (ms) => scaledSleep(ms, init.speed, signal),
    upload(bytes, contentType, fileName) {
      return storage.put(bytes, contentType, { origin: init.origin, ...(fileName ? { fileName } : {}) });
    },
    async readFile(url) {
      if (url.startsWith('data:')) return decodeDataUrl(url);
      return storage.get(url);
    },
  };
}
