/**
 * A set of listeners with hooks for the first subscribe and the last unsubscribe. Observers attach
 * to their request on the first listener and detach on the last, which is what makes React
 * StrictMode's mount → unmount → mount harmless.
 */
export class Subscribable<TListener extends (...args: never[]) => void = () => void> {
  protected readonly listeners = new Set<TListener>();

  /** Bound, so it can be handed to `useSyncExternalStore` as is. */
  subscribe = (listener: TListener): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onSubscribe();
    return () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) this.onUnsubscribe();
    };
  };

  hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  protected onSubscribe(): void {}

  protected onUnsubscribe(): void {}
}
