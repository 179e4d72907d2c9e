import type { RouteInfo } from '../src/routeInfo';
import type { Storage } from '../src/storage/storage';

export const ORIGIN = 'http://127.0.0.1:8787';

/** The route the emulator derives from `{origin}/{host}{path}{search}`. */
export function routeOf(url: string): RouteInfo {
  const parsed = new URL(url);
  const [, host = '', ...rest] = parsed.pathname.split('/');
  return { host, path: `/${rest.join('/')}`, search: parsed.search, origin: parsed.origin };
}

/** Sends a request to a storage instance the way the emulator router would. */
export async function send(storage: Storage, url: string, init?: RequestInit): Promise<Response> {
  const response = await storage.handle(new Request(url, init), routeOf(url));
  if (!response) throw new Error(`storage did not claim ${init?.method ?? 'GET'} ${url}`);
  return response;
}

export function emulatorUrl(hostAndPath: string): string {
  return `${ORIGIN}/${hostAndPath}`;
}

export function bytesOf(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** A controllable clock for lifecycle and validity tests. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

/** Fast byte equality (vitest's deep equality is element-by-element and slow on megabytes). */
export function sameBytes(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  if (!actual || actual.byteLength !== expected.byteLength) return false;
  return Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(
    Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength),
  );
}
