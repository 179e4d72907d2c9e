/**
 * Upload throughput and peak memory for a 256 MiB file, each client and source in its own process,
 * with a floor: the same multipart requests sent by hand with Node's fetch (what no client can beat).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Bench, round } from './support';

export interface UploadRow {
  client: string;
  /** What the client was handed: a `Blob` made from the bytes, or the `Uint8Array` itself. */
  source: 'Blob' | 'Uint8Array';
  /**
   * `cold`: the upload is the process's first HTTP request (Node's fetch loads during it, as in
   * every run before this column). `warm`: one plain fetch ran before the baseline.
   */
  start: 'cold' | 'warm';
  mib: number;
  seconds: number;
  mibPerSecond: number;
  extraPeakRssMb: number;
  requests: number;
  /** The emulator stored exactly `mib` MiB with the pattern at every 4 KiB, as the child wrote it. */
  intact: boolean;
}

const run = promisify(execFile);

const CASES = [
  ['floor: Node fetch alone, no client', 'fetch', 'bytes', 'Uint8Array'],
  ['falkit', 'falkit', 'bytes', 'Uint8Array'],
  ['falkit', 'falkit', 'blob', 'Blob'],
  ['@fal-ai/client', 'official', 'blob', 'Blob'],
] as const;

export async function measureUpload(bench: Bench, mib = 256): Promise<UploadRow[]> {
  const rows: UploadRow[] = [];
  for (const start of ['cold', 'warm'] as const) {
    for (const [name, client, source, label] of CASES) {
      bench.emulator.reset();
      const { stdout } = await run(
        process.execPath,
        [
          `${process.env.BENCH_OUT_DIR}/uploadChild.mjs`,
          client,
          source,
          start,
          bench.server.url,
          String(mib),
        ],
        { maxBuffer: 1024 * 1024 },
      );
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        url: string;
        ms: number;
        baselineRssMb: number;
        peakRssMb: number;
      };
      rows.push({
        client: name,
        source: label,
        start,
        mib,
        seconds: round(result.ms / 1000, 2),
        mibPerSecond: round(mib / (result.ms / 1000)),
        extraPeakRssMb: round(result.peakRssMb - result.baselineRssMb),
        // The warm-up GET is not the client's.
        requests: bench.emulator.requests().filter((entry) => !entry.url.endsWith('/bench-warm-up')).length,
        intact: storedIntact(bench, result.url, mib),
      });
    }
  }
  return rows;
}

/** The child's pattern: byte 0 of every 4 KiB block is its index mod 251, every other byte 0. */
function storedIntact(bench: Bench, url: string, mib: number): boolean {
  const stored = bench.emulator.storage.get(url);
  const size = mib * 1024 * 1024;
  if (stored === undefined || stored.bytes.length !== size) return false;
  for (let offset = 0; offset < size; offset += 4096) {
    if (stored.bytes[offset] !== (offset / 4096) % 251 || stored.bytes[offset + 1] !== 0) return false;
  }
  return true;
}
