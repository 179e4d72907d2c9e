/**
 * Stream events per second through `for await`, from a registered app that yields its events as fast
 * as it can: falkit's `FalStream` against @fal-ai/client's iterator.
 */
import type { Bench } from './support';
import { round } from './support';

export interface StreamRow {
  client: string;
  events: number;
  ms: number;
  eventsPerSecond: number;
}

export function registerBurstApp(bench: Bench): void {
  bench.emulator.app('bench/burst', async function* burst(ctx) {
    const n = (ctx.input as { n: number }).n;
    for (let i = 0; i < n; i++) yield { i, text: `token ${i}` };
    return { done: true, n };
  });
}

async function iterate(stream: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _event of stream) count++;
  return count;
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
      const events = await iterate(stream);
      const ms = performance.now() - started;
      rows.push({ client, events, ms: round(ms), eventsPerSecond: Math.round(events / (ms / 1000)) });
    }
  }
  return rows;
}
