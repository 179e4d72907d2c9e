/**
 * Rate-limits publishing of high-frequency channels (log lines, stream chunks, upload progress).
 * `schedule` publishes at most once per window; `flush` publishes now (status changes and terminal
 * states must never wait behind a throttle window); `cancel` drops the pending publish and leaves
 * no timer behind.
 *
 * `throttle`: milliseconds between publishes; `0` publishes synchronously; `undefined` means one
 * publish per animation frame where `requestAnimationFrame` exists, else every 16 ms.
 */
export const DEFAULT_THROTTLE_FALLBACK_MS = 16;

export class PublishThrottle {
  #publish: () => void;
  #throttle: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #frame: number | undefined;

  constructor(publish: () => void, throttle?: number) {
    this.#publish = publish;
    this.#throttle = throttle;
  }

  setThrottle(throttle: number | undefined): void {
    this.#throttle = throttle;
  }

  get pending(): boolean {
    return this.#timer !== undefined || this.#frame !== undefined;
  }

  schedule(): void {
    if (this.pending) return;
    const throttle = this.#throttle;
    if (throttle === 0) {
      this.#publish();
      return;
    }
    if (throttle === undefined && typeof requestAnimationFrame === 'function') {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = undefined;
        this.#publish();
      });
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#publish();
    }, throttle ?? DEFAULT_THROTTLE_FALLBACK_MS);
  }

  flush(): void {
    this.cancel();
    this.#publish();
  }

  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#frame !== undefined && typeof cancelAnimationFrame === 'function')
      cancelAnimationFrame(this.#frame);
    this.#timer = undefined;
    this.#frame = undefined;
  }
}
