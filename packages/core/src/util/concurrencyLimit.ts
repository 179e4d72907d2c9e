import { abortReason } from '../errors/abortError';
import { FalInputError } from '../errors/falInputError';

/**
 * Runs at most `concurrency` tasks at once; the rest wait in FIFO order. A task still waiting when
 * its `signal` aborts leaves the line at once (rejecting with the abort reason) and never runs.
 */
export type Limit = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export function createLimit(concurrency: number): Limit {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>, signal?: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        const index = waiting.indexOf(start);
        if (index !== -1) waiting.splice(index, 1);
        reject(abortReason(signal));
      };
      function start() {
        signal?.removeEventListener('abort', onAbort);
        active++;
        let result: Promise<T>;
        try {
          result = task();
        } catch (error) {
          result = Promise.reject(error);
        }
        result.then(resolve, reject).finally(release);
      }
      if (active < concurrency) {
        start();
      } else {
        waiting.push(start);
        signal?.addEventListener('abort', onAbort, { once: true });
      }
    });
}

export function assertPositiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new FalInputError(`must be a whole number ≥ 1, got ${String(value)}`, name);
  }
  return value;
}
