/**
 * What every bench page shares: the key, where the emulator is (the page's own origin: the bench's
 * loopback server serves the page's files and hands every other path to the emulator), and how the
 * bench calls the page (`window.go()`), timed with the page's own clock.
 */
export const KEY = 'bench-key';
export const origin = location.origin;

/** The official client's documented way to reach the emulator: a `fetch` that maps fal hosts to it. */
export const emulatorFetch: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const rewritten = url.replace(/^https:\/\/([^/]+)\//, `${origin}/$1/`);
  return fetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init);
};

export interface CallTiming {
  /** `performance.now()` when the call was made and when its promise settled. */
  callStart: number;
  callEnd: number;
  ok: boolean;
  detail: string;
}

declare global {
  interface Window {
    go?: () => Promise<CallTiming>;
    ready?: boolean;
  }
}

/** Registers the page's one call; the bench waits for `ready`, then awaits `go()`. */
export function page(call: () => Promise<unknown>): void {
  window.go = async () => {
    const callStart = performance.now();
    try {
      const result = await call();
      return {
        callStart,
        callEnd: performance.now(),
        ok: true,
        detail: JSON.stringify(result).slice(0, 200),
      };
    } catch (error) {
      return { callStart, callEnd: performance.now(), ok: false, detail: String(error) };
    }
  };
  window.ready = true;
}

/** The same payload for both clients' upload pages. */
export const uploadBlob = () =>
  new Blob([new Uint8Array(64 * 1024).fill(7)], { type: 'application/octet-stream' });
