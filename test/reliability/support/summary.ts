/**
 * The reliability suite's scoreboard. Test files record what they proved (in their worker process);
 * the global teardown (`summaryGlobalSetup.ts`) keeps only the records of tests that passed, adds them
 * up, prints the table and writes `test/reliability/RESULTS.md` when every reliability test passed.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';

export type Suite = 'faults' | 'load' | 'properties' | 'hostile' | 'secrets';

export interface SummaryRecord {
  suite: Suite;
  /** One line of the detail table, e.g. `subscribe (streaming) × 429 with Retry-After`. */
  name: string;
  /** What happened: `recovered`, `typed error: ApiError 503`, `10 rounds × 1,000`… */
  outcome: string;
  faultsSurvived?: number;
  loadsHeld?: number;
  badInputsTried?: number;
  propertyRuns?: number;
  secretsScanned?: number;
  /** Jobs the emulator completed whose result never reached the caller (server-side fact). */
  resultsLost?: number;
  /** Queue jobs the emulator created beyond one per intent (server-side fact). */
  duplicateSubmits?: number;
  /** Free-form measurements (peak memory, event-loop delay…). */
  metrics?: Record<string, string | number>;
}

/** A record as stored: tagged with the test that wrote it, so the teardown can drop a failed test's. */
export interface StoredRecord extends SummaryRecord {
  /** Absolute path of the test file. */
  file: string;
  /** The test's full name (`describe > it`), or null when written from a file-level hook. */
  test: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilitySummaryDir: string;
  }
}

/** Appends one record for the teardown to read. Outside the suite's global setup it is a no-op. */
export function record(entry: SummaryRecord): void {
  let dir: string | undefined;
  try {
    dir = inject('reliabilitySummaryDir');
  } catch {
    dir = undefined;
  }
  if (!dir) return;
  const { currentTestName, testPath } = expect.getState();
  const stored: StoredRecord = { ...entry, file: testPath ?? '', test: currentTestName ?? null };
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(stored)}\n`);
}
