/**
 * What every observer shares: an immutable published snapshot, listeners notified through the
 * notify manager, a publish throttle for high-frequency channels, and tracked properties so a
 * listener that only read `status` is not woken for log lines.
 */
import type { FalActivity, FalStore } from '../store/falStore';
import { notifyManager } from './notifyManager';
import type { ObservedClient } from './observedClient';
import { PublishThrottle } from './publishThrottle';
import { Subscribable } from './subscribable';
import { UnobservedRelease } from './unobservedRelease';

/** `'all'`, or the snapshot keys whose change should notify. Default: the keys read via `trackSnapshot`. */
export type NotifyOnChangeProps<TSnapshot> = 'all' | readonly (keyof TSnapshot)[];

export interface SnapshotObserverOptions<TSnapshot> {
  /** Milliseconds between publishes of high-frequency changes; default one per animation frame. */
  throttle?: number;
  notifyOnChangeProps?: NotifyOnChangeProps<TSnapshot>;
}

/** How a stream, upload or realtime observer describes itself to its store (see `listInStore`). */
export interface ListedActivity {
  kind: FalActivity['kind'];
  endpointId(): string | undefined;
  /** The input of the current run, if any. */
  input(): unknown;
  /** Work is under way (streaming, uploading, connecting or open): listed even when unobserved. */
  running(): boolean;
}

export abstract class SnapshotObserver<TSnapshot extends object> extends Subscribable {
  #snapshot: TSnapshot | undefined;
  #serverSnapshot: TSnapshot | undefined;
  #notified: TSnapshot | undefined;
  #notifyQueued = false;
  #tracked = new Set<PropertyKey>();
  #notifyOnChangeProps: NotifyOnChangeProps<TSnapshot> | undefined;
  readonly #throttle = new PublishThrottle(() => this.#publishNow());
  readonly #unobservedRelease = new UnobservedRelease();
  #listing:
    | { store: FalStore<ObservedClient>; activity: ListedActivity; entry?: ReturnType<FalStore['track']> }
    | undefined;

  /** Build a snapshot from the observer's current state. Must be pure. */
  protected abstract createSnapshot(): TSnapshot;
  /** The snapshot for the idle state, shown on the server and during hydration. */
  protected abstract createIdleSnapshot(): TSnapshot;

  protected configurePublishing(options: SnapshotObserverOptions<TSnapshot>): void {
    this.#throttle.setThrottle(options.throttle);
    this.#notifyOnChangeProps = options.notifyOnChangeProps;
  }

  /** The latest published snapshot; the same object until something changes. */
  getSnapshot = (): TSnapshot => {
    if (this.#snapshot === undefined) {
      this.#snapshot = this.createSnapshot();
      this.#notified = this.#snapshot;
    }
    return this.#snapshot;
  };

  /** The idle snapshot: what the server renders. Never starts work. */
  getServerSnapshot = (): TSnapshot => {
    this.#serverSnapshot ??= this.createIdleSnapshot();
    return this.#serverSnapshot;
  };

  /**
   * Returns a view of `snapshot` that records which properties the caller reads; listeners are then
   * notified only when one of those changed (unless `notifyOnChangeProps` says otherwise).
   */
  trackSnapshot(snapshot: TSnapshot): TSnapshot {
    const tracked = this.#tracked;
    return new Proxy(snapshot, {
      get(target, key, receiver) {
        tracked.add(key);
        return Reflect.get(target, key, receiver);
      },
      ownKeys(target) {
        for (const key of Reflect.ownKeys(target)) tracked.add(key);
        return Reflect.ownKeys(target);
      },
    });
  }

  /**
   * Show this observer in `store.getAll()` (devtools, logging) from its first start: while it runs,
   * and after that while anyone observes it; gone once it is reset to idle, or finished and unobserved.
   */
  protected listInStore(store: FalStore<ObservedClient>, activity: ListedActivity): void {
    this.#listing = { store, activity };
  }

  /** Publish now: status changes, terminal states, option changes. Cancels a pending throttled publish. */
  protected publish(): void {
    this.#throttle.flush();
  }

  /** Publish within the throttle window: log lines, stream chunks, progress. */
  protected publishThrottled(): void {
    this.#throttle.schedule();
  }

  /** Drop a pending throttled publish (no timers left behind after detach). */
  protected cancelPendingPublish(): void {
    this.#throttle.cancel();
  }

  /** First listener: publish the current state so it is not stale. */
  protected override onSubscribe(): void {
    this.publish();
    this.#syncListing();
  }

  /** Last listener left: no throttled publish survives, and the work is released unless one comes back. */
  protected override onUnsubscribe(): void {
    this.cancelPendingPublish();
    this.releaseWhenUnobserved(() => {
      this.onUnobserved();
      this.#syncListing();
    });
  }

  /** Stop the observer's work once nobody observes it (after the StrictMode grace). */
  protected onUnobserved(): void {}

  /**
   * Runs `release` a microtask after the last listener left, unless one came back by then: React
   * StrictMode unsubscribes and re-subscribes synchronously, which must not stop the work.
   */
  protected releaseWhenUnobserved(release: () => void): void {
    this.#unobservedRelease.schedule(() => !this.hasListeners(), release);
  }

  #publishNow(): void {
    const next = this.createSnapshot();
    const current = this.#snapshot;
    if (current !== undefined && shallowEqual(current, next)) return;
    this.#snapshot = next;
    this.#syncListing();
    if (this.#notifyQueued || !this.hasListeners()) return;
    this.#notifyQueued = true;
    notifyManager.schedule(() => {
      this.#notifyQueued = false;
      const latest = this.#snapshot!;
      if (!this.#shouldNotify(this.#notified, latest)) return;
      this.#notified = latest;
      for (const listener of [...this.listeners]) listener();
    });
  }

  #syncListing(): void {
    const listing = this.#listing;
    if (!listing) return;
    const { status } = this.getSnapshot() as { status?: string };
    const listed = status !== 'idle' && (listing.activity.running() || this.hasListeners());
    if (!listed) {
      listing.entry?.untrack();
      listing.entry = undefined;
    } else if (listing.entry) {
      listing.entry.update();
    } else {
      const { activity } = listing;
      const observer = this;
      listing.entry = listing.store.track({
        kind: activity.kind,
        get endpointId() {
          return activity.endpointId();
        },
        get input() {
          return activity.input();
        },
        get status() {
          return (observer.getSnapshot() as { status: string }).status;
        },
        getSnapshot: () => observer.getSnapshot(),
      });
    }
  }

  #shouldNotify(previous: TSnapshot | undefined, next: TSnapshot): boolean {
    if (previous === undefined || previous === next) return previous === undefined;
    const props = this.#notifyOnChangeProps;
    let keys: Iterable<PropertyKey>;
    if (props === 'all') keys = Object.keys(next);
    else if (props !== undefined) keys = props as readonly PropertyKey[];
    else if (this.#tracked.size > 0) keys = this.#tracked;
    else keys = Object.keys(next);
    for (const key of keys) {
      if (
        !Object.is(
          (previous as Record<PropertyKey, unknown>)[key],
          (next as Record<PropertyKey, unknown>)[key],
        )
      ) {
        return true;
      }
    }
    return false;
  }
}

function shallowEqual(a: object, b: object): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
