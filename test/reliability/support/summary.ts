/**
 * The reliability suite's scoreboard. Test files record what they proved (in their worker process);
 * the global teardown (`summaryGlobalSetup.ts`) adds the records up, prints the table and writes
 * `test/reliability/RESULTS.md`.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

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
  resultsLost?: number;
  duplicateSubmits?: number;
  /** Free-form measurements (peak memory, event-loop delay…). */
  metrics?: Record<string, string | number>;
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
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}
