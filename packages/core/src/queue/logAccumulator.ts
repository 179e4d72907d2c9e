import { assertMaxLogs } from '../validation/assertOptions';
import type { RequestLog } from '../types/queueStatus';

/**
 * Log lines a request keeps by default: the newest 1,000 (older ones are dropped so a long, chatty
 * job does not grow without bound; `onLog` callbacks still see every line). The one default for
 * every place that keeps logs: `client.subscribe`, request handles, observers, hooks, `<FalLogs>`.
 */
export const DEFAULT_MAX_LOGS = 1000;

/**
 * The one log model: a job's log is an append-only list on the server, so a line is identified by
 * its position in it, never by its text (two lines with the same timestamp and text are both real).
 *
 * Where a batch starts is the caller's knowledge of the wire (docs/protocol.md §4.2/§4.3): a status
 * GET carries the whole log (position 0); a status stream's first event carries the log so far and
 * each later event only the lines added since, so a stream event starts where the previous events
 * of the same connection ended. Lines before `total` were seen already and are skipped.
 *
 * Memory is O(maxLogs): only the newest `maxLogs` lines are kept (plus a counter), whatever the
 * length of the job's log.
 */
export class LogAccumulator {
  #maxLogs: number;
  /** Lines seen so far, including those dropped from the window. */
  #total = 0;
  /** The newest lines; may hold up to 2 × maxLogs before it is compacted (amortised O(1) per line). */
  #window: RequestLog[] = [];
  #snapshot: readonly RequestLog[] = Object.freeze([]) as readonly RequestLog[];
  #dirty = false;

  constructor(maxLogs: number = DEFAULT_MAX_LOGS) {
    assertMaxLogs(maxLogs);
    this.#maxLogs = maxLogs;
  }

  /** How many lines the job has logged so far (as far as this accumulator has seen). */
  get total(): number {
    return this.#total;
  }

  get maxLogs(): number {
    return this.#maxLogs;
  }

  /** Change the bound; a smaller one drops the oldest kept lines now. */
  setMaxLogs(maxLogs: number): void {
    assertMaxLogs(maxLogs);
    if (maxLogs === this.#maxLogs) return;
    this.#maxLogs = maxLogs;
    if (this.#window.length > maxLogs) {
      this.#window = this.#window.slice(this.#window.length - maxLogs);
      this.#dirty = true;
    }
  }

  /**
   * Add `batch`, whose first line sits at position `from` of the job's log. Returns the lines not
   * seen before, in order (each line is returned exactly once over the accumulator's life).
   */
  add(batch: readonly RequestLog[] | null | undefined, from: number): RequestLog[] {
    if (!batch || batch.length === 0) return [];
    const skip = Math.max(0, this.#total - from);
    if (skip >= batch.length) return [];
    const fresh = skip === 0 ? batch.slice() : batch.slice(skip);
    this.#total += fresh.length;
    const max = this.#maxLogs;
    if (max === 0) return fresh;
    const window = this.#window;
    // Only the newest `max` lines of a huge batch can survive: never copy more than that.
    const start = fresh.length > max ? fresh.length - max : 0;
    for (let i = start; i < fresh.length; i++) window.push(fresh[i]!);
    if (window.length >= 2 * max) {
      this.#window = window.slice(window.length - max);
    }
    this.#dirty = true;
    return fresh;
  }

  /** The newest lines (at most `maxLogs`), oldest first: a frozen array, the same one until lines are added. */
  get logs(): readonly RequestLog[] {
    if (this.#dirty) {
      this.#dirty = false;
      const window = this.#window;
      const max = this.#maxLogs;
      this.#snapshot = Object.freeze(
        window.length > max ? window.slice(window.length - max) : window.slice(),
      );
    }
    return this.#snapshot;
  }
}
