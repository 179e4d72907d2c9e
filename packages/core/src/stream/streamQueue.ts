/**
 * The buffer behind one `for await` loop over a `FalStream`: events pushed by the reader wait here
 * until the loop asks for them, and a waiting loop is resumed the moment one arrives (no polling).
 * Items are dropped as soon as they are handed out.
 */
export class StreamQueue<T> implements AsyncIterableIterator<T> {
  #items: T[] = [];
  #head = 0;
  #waiter:
    | { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void }
    | undefined;
  #ended = false;
  #failure: { error: unknown } | undefined;
  #finished = false;
  readonly #onTake: () => void;
  readonly #onReturn: (queue: StreamQueue<T>) => void;

  constructor(hooks: { onTake: () => void; onReturn: (queue: StreamQueue<T>) => void }) {
    this.#onTake = hooks.onTake;
    this.#onReturn = hooks.onReturn;
  }

  /** Events waiting to be taken. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** True until the loop has ended (finished, thrown, `break`). */
  get active(): boolean {
    return !this.#finished;
  }

  push(item: T): void {
    if (this.#finished) return;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
      return;
    }
    this.#items.push(item);
  }

  /** No more events: the loop ends after the queued ones. */
  end(): void {
    this.#ended = true;
    this.#wakeAtEnd();
  }

  /** The stream failed: the loop throws `error` after the queued events. */
  fail(error: unknown): void {
    this.#failure = { error };
    this.#wakeAtEnd();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.size > 0) {
      const item = this.#items[this.#head] as T;
      this.#items[this.#head] = undefined as T;
      this.#head++;
      if (this.#head === this.#items.length) {
        this.#items = [];
        this.#head = 0;
      } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
      this.#onTake();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.#failure && !this.#finished) {
      this.#finish();
      return Promise.reject(this.#failure.error);
    }
    if (this.#ended || this.#finished) {
      this.#finish();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** `break` / early `return` in a `for await` loop. */
  return(): Promise<IteratorResult<T, undefined>> {
    const wasActive = !this.#finished;
    this.#items = [];
    this.#head = 0;
    this.#finish();
    if (wasActive) this.#onReturn(this);
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T, undefined>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.resolve({ value: undefined, done: true });
  }

  #wakeAtEnd(): void {
    if (!this.#waiter || this.size > 0) return;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (this.#failure) {
      this.#finished = true;
      waiter.reject(this.#failure.error);
    } else {
      this.#finish();
      waiter.resolve({ value: undefined, done: true });
    }
  }
}
