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
  let floor: LatencyRow | undefined;
  for (const [client, subscribe] of subscribers(bench)) {
    bench.emulator.reset();
    const inputs = Array.from({ length: jobs }, (_, i) => ({ delay_ms: 200 + ((i * 397) % 1000), i }));
    const resolved = await pool(inputs, 10, async (input) => {
      const result = await subscribe(input);
      return { requestId: result.requestId, at: preciseNow() };
    });
    const completed = new Map(bench.emulator.jobs().map((job) => [job.requestId, job.completedAt!]));
    if (client.startsWith('falkit')) floor = await resultFetchFloor(bench, [...completed.keys()]);
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
  return floor ? [...rows, floor] : rows;
}

/**
 * The floor under any client: one plain `fetch` of a finished job's result over the same loopback, one at a time
 * (the protocol needs this request after COMPLETED; nothing can answer faster than it).
 */
async function resultFetchFloor(bench: Bench, requestIds: string[]): Promise<LatencyRow> {
  const times = await pool(requestIds, 1, async (requestId) => {
    const started = preciseNow();
    const response = await fetch(`${bench.server.url}/queue.fal.run/falkit/echo/requests/${requestId}`, {
      headers: { authorization: 'Key bench-key' },
    });
    await response.json();
    return preciseNow() - started;
  });
  return {
    client: 'floor: one plain fetch of the result (no client)',
    jobs: times.length,
    p50: round(percentile(times, 50)),
    p90: round(percentile(times, 90)),
    p99: round(percentile(times, 99)),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
  };
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
