/** Leading + trailing throttle: the first call runs at once, the last call of each window at its end. */
export interface Throttled<Args extends unknown[]> {
  (...args: Args): void;
  /** Drops a pending trailing call and its timer. */
  cancel(): void;
}

export function throttle<Args extends unknown[]>(
  fn: (...args: Args) => void,
  intervalMs: number,
): Throttled<Args> {
  let lastRun: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Args | undefined;
  const run = (args: Args) => {
    lastRun = Date.now();
    fn(...args);
  };
  const throttled = (...args: Args) => {
    if (intervalMs <= 0) return fn(...args);
    const wait = lastRun === undefined ? 0 : lastRun + intervalMs - Date.now();
    if (wait <= 0 && timer === undefined) return run(args);
    pending = args;
    timer ??= setTimeout(
      () => {
        timer = undefined;
        const latest = pending;
        pending = undefined;
        if (latest) run(latest);
      },
      Math.max(0, wait),
    );
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return throttled;
}
