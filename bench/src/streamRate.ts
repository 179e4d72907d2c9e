/**
 * Stream events per second through `for await`, from a registered app that yields its events as fast
 * as it can: falkit's `FalStream` against @fal-ai/client's iterator.
 */
import type { Bench } from './support';
import { round } from './support';

export interface StreamRow {
  client: string;
  events: number;
  /** From calling `stream()` to the end of the loop (includes the request and the app starting). */
  ms: number;
  eventsPerSecond: number;
  /** From the first event to the last: the loop's own throughput. */
  loopMs: number;
  loopEventsPerSecond: number;
}

export function registerBurstApp(bench: Bench): void {
  bench.emulator.app('bench/burst', async function* burst(ctx) {
    const n = (ctx.input as { n: number }).n;
    for (let i = 0; i < n; i++) yield { i, text: `token ${i}` };
    return { done: true, n };
  });
}

async function iterate(stream: AsyncIterable<unknown>): Promise<{ count: number; firstAt: number }> {
  let count = 0;
  let firstAt = 0;
  for await (const _event of stream) {
    if (count === 0) firstAt = performance.now();
    count++;
  }
  return { count, firstAt };
}

export async function measureStreamRate(bench: Bench, sizes: number[]): Promise<StreamRow[]> {
  registerBurstApp(bench);
  const rows: StreamRow[] = [];
  const clients: Array<[string, (n: number) => Promise<AsyncIterable<unknown>>]> = [
    ['falkit', (n) => bench.falkit.stream('bench/burst', { input: { n } })],
    [
      '@fal-ai/client',
      (n) => bench.official.stream('bench/burst', { input: { n } }) as Promise<AsyncIterable<unknown>>,
    ],
  ];
  for (const n of sizes) {
    for (const [client, open] of clients) {
      const started = performance.now();
      const stream = await open(n);
      const { count: events, firstAt } = await iterate(stream);
      const ended = performance.now();
      const ms = ended - started;
      const loopMs = ended - firstAt;
      rows.push({
        client,
        events,
        ms: round(ms),
        eventsPerSecond: Math.round(events / (ms / 1000)),
        loopMs: round(loopMs),
        loopEventsPerSecond: Math.round((events - 1) / (loopMs / 1000)),
      });
    }
  }
  return rows;
}
