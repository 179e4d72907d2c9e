/**
 * Completion-to-result latency of `subscribe` (falkit: streamed status by default; @fal-ai/client: polling
 * by default), and HTTP requests per job, on the same emulator run. Latency = when the promise resolved
 * minus when the emulator's job record says the job completed (same clock, sub-millisecond).
 */
import { type Bench, percentile, pool, preciseNow, round } from './support';

export interface LatencyRow {
  client: string;
  jobs: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

export interface RequestsRow {
  client: string;
  jobSeconds: number;
  jobs: number;
  requestsPerJob: number;
  statusRequestsPerJob: number;
}

type Subscribe = (input: Record<string, unknown>) => Promise<{ requestId: string; data: unknown }>;

function subscribers(bench: Bench): Array<[string, Subscribe]> {
  return [
    ['falkit (default: streaming)', (input) => bench.falkit.subscribe('falkit/echo', { input })],
    ['@fal-ai/client (default: polling)', (input) => bench.official.subscribe('falkit/echo', { input })],
    [
      '@fal-ai/client (mode: streaming)',
      (input) => bench.official.subscribe('falkit/echo', { input, mode: 'streaming' }),
    ],
  ];
}

/** Jobs of random length (200 ms to 1.2 s of emulator time at speed 1), 10 at a time. */
export async function measureLatency(bench: Bench, jobs = 40): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const [client, subscribe] of subscribers(bench)) {
    bench.emulator.reset();
    const inputs = Array.from({ length: jobs }, (_, i) => ({ delay_ms: 200 + ((i * 397) % 1000), i }));
    const resolved = await pool(inputs, 10, async (input) => {
      const result = await subscribe(input);
      return { requestId: result.requestId, at: preciseNow() };
    });
    const completed = new Map(bench.emulator.jobs().map((job) => [job.requestId, job.completedAt!]));
    const latencies = resolved.map(({ requestId, at }) => at - completed.get(requestId)!);
    rows.push({
      client,
      jobs,
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
    });
  }
  return rows;
}

/** HTTP requests the emulator received per job, for jobs of about 1 s and 5 s (5 jobs at once). */
export async function measureRequests(bench: Bench): Promise<RequestsRow[]> {
  const rows: RequestsRow[] = [];
  for (const seconds of [1, 5]) {
    for (const [client, subscribe] of subscribers(bench)) {
      bench.emulator.reset();
      const jobs = 5;
      await Promise.all(Array.from({ length: jobs }, (_, i) => subscribe({ delay_ms: seconds * 1000, i })));
      const requests = bench.emulator.requests();
      rows.push({
        client,
        jobSeconds: seconds,
        jobs,
        requestsPerJob: round(requests.length / jobs),
        statusRequestsPerJob: round(requests.filter((entry) => /\/status/.test(entry.path)).length / jobs),
      });
    }
  }
  return rows;
}
