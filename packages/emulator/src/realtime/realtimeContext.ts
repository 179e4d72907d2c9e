import { decodeDataUrl } from '../apps/dataUrl.js';
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

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
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
    sleep(ms) {
      if (signal.aborted) return Promise.reject(abortReason(signal));
      const scaled = ms * init.speed;
      if (scaled <= 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(abortReason(signal));
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, scaled);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    upload(bytes, contentType, fileName) {
      return storage.put(bytes, contentType, { origin: init.origin, ...(fileName ? { fileName } : {}) });
    },
    async readFile(url) {
      if (url.startsWith('data:')) return decodeDataUrl(url);
      return storage.get(url);
    },
  };
}
