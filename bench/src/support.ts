/** Shared pieces of the benchmarks: the emulator, both clients pointed at it, statistics. */
import { createFalClient as createOfficialClient } from '@fal-ai/client';
import { createFalClient } from '@falkit/core';
import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type ListeningEmulator,
} from '@falkit/emulator';

export const KEY = 'bench-key';

/** Wall-clock ms with sub-millisecond precision (the emulator's job records use the same clock). */
export const preciseNow = () => performance.timeOrigin + performance.now();

export interface Bench {
  emulator: Emulator;
  server: ListeningEmulator;
  falkit: ReturnType<typeof createFalClient>;
  official: ReturnType<typeof createOfficialClient>;
  close(): Promise<void>;
}

/** The official client's documented way to reach the emulator: a `fetch` that maps fal hosts to it. */
export function emulatorFetch(origin: string): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const rewritten = url.replace(/^https:\/\/([^/]+)\//, `${origin}/$1/`);
    return fetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init);
  };
}

export async function startBench(options: EmulatorOptions = {}): Promise<Bench> {
  const emulator = createEmulator({ workers: 256, now: preciseNow, ...options });
  const server = await emulator.listen({ port: 0 });
  return {
    emulator,
    server,
    falkit: createFalClient({ baseUrl: server.url, credentials: KEY, suppressLocalCredentialsWarning: true }),
    official: createOfficialClient({ credentials: KEY, fetch: emulatorFetch(server.url) }),
    close: () => emulator.close(),
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export const round = (value: number, digits = 1) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Runs `task` for each item with at most `limit` at once. */
export async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!);
      }
    }),
  );
  return results;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
