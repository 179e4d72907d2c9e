/** Upload throughput and peak memory for a 256 MiB file, each client in its own process. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Bench, round } from './support';

export interface UploadRow {
  client: string;
  mib: number;
  seconds: number;
  mibPerSecond: number;
  extraPeakRssMb: number;
  requests: number;
  intact: boolean;
}

const run = promisify(execFile);

export async function measureUpload(bench: Bench, mib = 256): Promise<UploadRow[]> {
  const rows: UploadRow[] = [];
  for (const [name, arg] of [
    ['falkit', 'falkit'],
    ['@fal-ai/client', 'official'],
  ] as const) {
    bench.emulator.reset();
    const { stdout } = await run(
      process.execPath,
      [`${process.env.BENCH_OUT_DIR}/uploadChild.mjs`, arg, bench.server.url, String(mib)],
      { maxBuffer: 1024 * 1024 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      url: string;
      ms: number;
      baselineRssMb: number;
      peakRssMb: number;
    };
    const stored = bench.emulator.storage.get(result.url);
    const intact =
      stored !== undefined &&
      stored.bytes.length === mib * 1024 * 1024 &&
      stored.bytes[4096 * 7] === 7 &&
      stored.bytes[stored.bytes.length - 4096] === ((mib * 1024 * 1024) / 4096 - 1) % 251;
    rows.push({
      client: name,
      mib,
      seconds: round(result.ms / 1000, 2),
      mibPerSecond: round(mib / (result.ms / 1000)),
      extraPeakRssMb: round(result.peakRssMb - result.baselineRssMb),
      requests: bench.emulator.requests().length,
      intact,
    });
  }
  return rows;
}
