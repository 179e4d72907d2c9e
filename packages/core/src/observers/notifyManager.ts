/**
 * Batches observer notifications. Listeners are not called inside the code that changed state:
 * they are queued and flushed through a swappable scheduler, so many changes in one tick give
 * one notification, and tests or React can wrap the flush (`act`, `unstable_batchedUpdates`).
 */
type Callback = () => void;
export type NotifyScheduler = (flush: Callback) => void;
export type NotifyFunction = (callback: Callback) => void;
export type BatchNotifyFunction = (callback: Callback) => void;

const microtask: NotifyScheduler = (flush) => {
  queueMicrotask(flush);
};

export function createNotifyManager() {
  let queue: Callback[] = [];
  let transactions = 0;
  let flushScheduled = false;
  let scheduler: NotifyScheduler = microtask;
  let notifyFn: NotifyFunction = (callback) => callback();
  let batchNotifyFn: BatchNotifyFunction = (callback) => callback();

  const flush = (): void => {
    flushScheduled = false;
    const pending = queue;
    queue = [];
    if (pending.length === 0) return;
    batchNotifyFn(() => {
      for (const callback of pending) notifyFn(callback);
    });
  };

  const requestFlush = (): void => {
    if (flushScheduled || transactions > 0) return;
    flushScheduled = true;
    scheduler(flush);
  };

  return {
    /** Queue a notification; it runs on the next scheduler flush (or at the end of `batch`). */
    schedule(callback: Callback): void {
      queue.push(callback);
      requestFlush();
    },
    /** Run `fn`; notifications scheduled inside it are flushed together afterwards. */
    batch<T>(fn: () => T): T {
      transactions++;
      try {
        return fn();
      } finally {
        transactions--;
        if (transactions === 0 && queue.length > 0) requestFlush();
      }
    },
    /** Wrap a listener so that calls to it go through the queue. */
    batchCalls<TArgs extends unknown[]>(callback: (...args: TArgs) => void): (...args: TArgs) => void {
      return (...args) => {
        this.schedule(() => callback(...args));
      };
    },
    /** Flush queued notifications now (tests). */
    flush,
    /** How flushes are scheduled; default: a microtask. Pass `(flush) => flush()` for synchronous. */
    setScheduler(next: NotifyScheduler): void {
      scheduler = next;
    },
    /** Wrap each notification, e.g. in React's `act` for tests. */
    setNotifyFunction(next: NotifyFunction): void {
      notifyFn = next;
    },
    /** Wrap a whole flush, e.g. in `ReactDOM.unstable_batchedUpdates`. */
    setBatchNotifyFunction(next: BatchNotifyFunction): void {
      batchNotifyFn = next;
    },
  };
}

export type NotifyManager = ReturnType<typeof createNotifyManager>;

/** The process-wide manager every observer notifies through. */
export const notifyManager: NotifyManager = createNotifyManager();
