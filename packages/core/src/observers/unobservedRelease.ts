/**
 * Releases work a microtask after its last watcher left, unless one came back by then: React
 * StrictMode unsubscribes and re-subscribes synchronously, which must not stop the work. While a
 * release is pending, further requests are ignored (the first one decides what runs).
 */
export class UnobservedRelease {
  #pending = false;

  schedule(isUnobserved: () => boolean, release: () => void): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (isUnobserved()) release();
    });
  }
}
