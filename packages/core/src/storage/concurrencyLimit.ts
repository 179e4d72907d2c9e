import { FalInputError } from '../errors/falInputError';

/**
 * Runs at most `concurrency` tasks at once; the rest wait in FIFO order. Shared by multipart parts
 * and input auto-uploads so neither can open an unbounded number of connections.
 */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimit(concurrency: number): Limit {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        active++;
        let result: Promise<T>;
        try {
          result = task();
        } catch (error) {
          result = Promise.reject(error);
        }
        result.then(resolve, reject).finally(release);
      };
      if (active < concurrency) start();
      else waiting.push(start);
    });
}

export function assertPositiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new FalInputError(`must be a whole number ≥ 1, got ${String(value)}`, name);
  }
  return value;
}
