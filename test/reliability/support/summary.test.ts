/** The RESULTS.md generator counts only what passing tests recorded, and refuses a partial run. */
import { describe, expect, it } from 'vitest';
import type { StoredRecord, Suite } from './summary';
import { type FileOutcome, judgeRun, renderSummary } from './summaryGlobalSetup';

const SUITES: Suite[] = ['faults', 'load', 'properties', 'hostile', 'secrets'];
const FILE = '/repo/test/reliability/a.test.ts';

const recordOf = (suite: Suite, test: string | null, extra: Partial<StoredRecord> = {}): StoredRecord => ({
  suite,
  name: `${suite} row`,
  outcome: 'ok',
  file: FILE,
  test,
  ...extra,
});

const passingRun = (): { records: StoredRecord[]; files: FileOutcome[] } => ({
  records: SUITES.map((suite) => recordOf(suite, `t ${suite}`)),
  files: [
    {
      file: FILE,
      hookErrors: 0,
      tests: SUITES.map((suite) => ({ fullName: `t ${suite}`, state: 'passed' })),
    },
  ],
});

describe('judgeRun', () => {
  it('counts every record of a run where every test passed', () => {
    const { records, files } = passingRun();
    const verdict = judgeRun(records, files, [FILE]);
    expect(verdict.problems).toEqual([]);
    expect(verdict.counted).toHaveLength(SUITES.length);
  });

  it('drops the records of a failed test and refuses to write', () => {
    const { records, files } = passingRun();
    files[0]!.tests[1] = { fullName: 't load', state: 'failed' };
    records.push(recordOf('load', 't load', { resultsLost: 3, name: 'late' }));
    const verdict = judgeRun(records, files, [FILE]);
    expect(verdict.notCounted.map((entry) => entry.test)).toEqual(['t load', 't load']);
    expect(verdict.counted.some((entry) => entry.suite === 'load')).toBe(false);
    expect(verdict.problems).toEqual([
      expect.stringMatching(/a\.test\.ts › t load: failed$/),
      'no passing record for the load suite',
    ]);
  });

  it('keeps a file-level record only when every test of its file passed', () => {
    const { records, files } = passingRun();
    records.push(recordOf('hostile', null, { badInputsTried: 5 }));
    expect(judgeRun(records, files, [FILE]).counted).toHaveLength(SUITES.length + 1);
    files[0]!.tests[0] = { fullName: 't faults', state: 'skipped' };
    const verdict = judgeRun(records, files, [FILE]);
    expect(verdict.notCounted.some((entry) => entry.test === null)).toBe(true);
    expect(verdict.problems.some((problem) => problem.endsWith('t faults: skipped'))).toBe(true);
  });

  it('refuses a run where a reliability file did not run, a hook failed or a suite recorded nothing', () => {
    const { records, files } = passingRun();
    expect(judgeRun(records, files, [FILE, '/repo/test/reliability/b.test.ts']).problems).toEqual([
      expect.stringMatching(/b\.test\.ts did not run$/),
    ]);
    files[0]!.hookErrors = 1;
    expect(judgeRun(records, files, [FILE]).problems[0]).toMatch(/file-level hook failed/);
    const withoutSecrets = passingRun();
    withoutSecrets.records = withoutSecrets.records.filter((entry) => entry.suite !== 'secrets');
    expect(judgeRun(withoutSecrets.records, withoutSecrets.files, [FILE]).problems).toEqual([
      'no passing record for the secrets suite',
    ]);
  });
});

describe('renderSummary', () => {
  it('states the commit, date and machine, and sums the server-side counters', () => {
    const markdown = renderSummary(
      [
        recordOf('faults', 't', { resultsLost: 1, duplicateSubmits: 2 }),
        recordOf('load', 't', { resultsLost: 1 }),
      ],
      {
        commit: 'abc123',
        startedAt: new Date('2026-01-02T03:04:05Z'),
        durationMs: 1500,
        machine: 'host x; 2 CPU(s)',
      },
    );
    expect(markdown).toContain('- commit: abc123');
    expect(markdown).toContain('- run started: 2026-01-02T03:04:05.000Z, took 1.5 s');
    expect(markdown).toContain('- machine: host x; 2 CPU(s)');
    expect(markdown).toMatch(/\| results lost [^|]*\| 2 \|/);
    expect(markdown).toMatch(/\| duplicate submits [^|]*\| 2 \|/);
  });
});
