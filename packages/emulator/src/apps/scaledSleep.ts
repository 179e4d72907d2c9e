/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The reason an aborted signal rejects with: its own reason, or a plain AbortError. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/**
 * An app's `sleep(ms)`: waits `ms × speed` (0 = no wait at all) and rejects as soon as `signal`
 * aborts, clearing its timer, so a cancelled job never keeps a timer alive.
 */
export function scaledSleep(ms: number, speed: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  const scaled = ms * speed;
  if (scaled <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    // setTimeout fires at once past 2^31-1 ms, so a longer wait is chained in steps.
    const wait = (remaining: number) => {
      timer = setTimeout(
        () => {
          if (remaining > MAX_TIMER_MS) return wait(remaining - MAX_TIMER_MS);
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.min(remaining, MAX_TIMER_MS),
      );
    };
    wait(scaled);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
