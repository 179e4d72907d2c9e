/**
 * Global setup of the `cross-package` project: gives reliability tests a directory for their records
 * and, after the run, keeps only the records of tests that passed, prints the summary and writes
 * `test/reliability/RESULTS.md` only when every reliability test file ran and every test in it passed.
 * A failing, timed-out or skipped reliability test leaves the file as it was (its records are printed
 * under "not counted", with their counters, so a loss is visible even though nothing is written).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestModule, TestProject } from 'vitest/node';
import type { StoredRecord, Suite, SummaryRecord } from './summary';

const RELIABILITY_DIR = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(RELIABILITY_DIR, 'RESULTS.md');
const SUITES: Suite[] = ['faults', 'load', 'properties', 'hostile', 'secrets'];

/** Where and when the run happened: printed at the top of RESULTS.md. */
export interface RunFacts {
  commit: string;
  startedAt: Date;
  durationMs: number;
  machine: string;
}

/** The verdict on one run: which records count, and why RESULTS.md may not be written. */
export interface RunVerdict {
  counted: StoredRecord[];
  notCounted: StoredRecord[];
  /** Empty when RESULTS.md may be written. */
  problems: string[];
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'falkit-reliability-'));
  project.provide('reliabilitySummaryDir', dir);
  const startedAt = new Date();
  const loadAtStart = loadavg();
  return () => {
    const records = readRecords(dir);
    rmSync(dir, { recursive: true, force: true });
    const modules = project.vitest.state
      .getTestModules()
      .filter((module) => module.project.name === project.name && isReliabilityFile(module.moduleId));
    if (modules.length === 0) return;
    const verdict = judgeRun(records, modules.map(outcomeOf), reliabilityTestFiles());
    if (project.vitest.state.getUnhandledErrors().length > 0) {
      verdict.problems.push('the run had unhandled errors');
    }
    const facts: RunFacts = {
      commit: currentCommit(),
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      machine: describeMachine(loadAtStart),
    };
    const markdown = renderSummary(verdict.counted, facts);
    console.log(`\n${markdown}`);
    if (verdict.notCounted.length > 0) {
      console.log(
        `Not counted (from tests that did not pass): ${verdict.notCounted.length} record(s), results lost ${sum(verdict.notCounted, 'resultsLost')}, duplicate submits ${sum(verdict.notCounted, 'duplicateSubmits')}:`,
      );
      for (const entry of verdict.notCounted) console.log(`  - ${entry.name}: ${entry.outcome}`);
    }
    if (verdict.problems.length === 0) writeFileSync(RESULTS, markdown);
    else console.log(`${RESULTS} not rewritten:\n  - ${verdict.problems.join('\n  - ')}`);
  };
}

const isReliabilityFile = (path: string) => path.startsWith(RELIABILITY_DIR) && /\.test\.tsx?$/.test(path);

function reliabilityTestFiles(): string[] {
  return readdirSync(RELIABILITY_DIR)
    .filter((name) => /\.test\.tsx?$/.test(name))
    .map((name) => join(RELIABILITY_DIR, name));
}

function readRecords(dir: string): StoredRecord[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredRecord);
}

/** What the run says about one test file. */
export interface FileOutcome {
  file: string;
  /** The file failed to load, or a file-level hook failed. */
  hookErrors: number;
  tests: Array<{ fullName: string; state: string }>;
}

function outcomeOf(module: TestModule): FileOutcome {
  return {
    file: module.moduleId,
    hookErrors: module.errors().length,
    tests: [...module.children.allTests()].map((test) => ({
      fullName: test.fullName,
      state: test.result().state,
    })),
  };
}

/**
 * Keeps a record only when the test that wrote it passed (a file-level record: when every test of its
 * file passed). RESULTS.md may be written only when every reliability file ran, every test in them
 * passed (none failed, none skipped) and every suite recorded something.
 */
export function judgeRun(records: StoredRecord[], files: FileOutcome[], expectedFiles: string[]): RunVerdict {
  const problems: string[] = [];
  const ran = new Set(files.map((outcome) => outcome.file));
  for (const file of expectedFiles) {
    if (!ran.has(file)) problems.push(`${relative(RELIABILITY_DIR, file)} did not run`);
  }
  const passed = new Set<string>();
  const filesPassed = new Set<string>();
  for (const outcome of files) {
    const name = relative(RELIABILITY_DIR, outcome.file);
    if (outcome.hookErrors > 0) problems.push(`${name} failed to load or a file-level hook failed`);
    let allPassed = outcome.hookErrors === 0 && outcome.tests.length > 0;
    for (const test of outcome.tests) {
      if (test.state === 'passed') passed.add(`${outcome.file}\u0000${test.fullName}`);
      else {
        allPassed = false;
        problems.push(`${name} › ${test.fullName}: ${test.state}`);
      }
    }
    if (allPassed) filesPassed.add(outcome.file);
  }
  const counted: StoredRecord[] = [];
  const notCounted: StoredRecord[] = [];
  for (const entry of records) {
    const ok =
      entry.test === null ? filesPassed.has(entry.file) : passed.has(`${entry.file}\u0000${entry.test}`);
    (ok ? counted : notCounted).push(entry);
  }
  const suites = new Set(counted.map((entry) => entry.suite));
  for (const suite of SUITES)
    if (!suites.has(suite)) problems.push(`no passing record for the ${suite} suite`);
  return { counted, notCounted, problems };
}

function currentCommit(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: RELIABILITY_DIR, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short=12', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', '../../packages')
      .split('\n')
      .filter(Boolean).length;
    return dirty === 0 ? commit : `${commit} plus ${dirty} uncommitted change(s)`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function describeMachine(loadAtStart: number[]): string {
  const cpu = cpus();
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  return [
    `host ${hostname()}`,
    `${cpu.length} CPU(s) (${cpu[0]?.model.trim() ?? 'unknown'})`,
    `${Math.round(totalmem() / 1024 ** 3)} GB RAM`,
    `${process.platform} ${release()} ${process.arch}`,
    `Node ${process.version}`,
    `load average (1/5/15 min) ${load(loadAtStart)} at the start, ${load(loadavg())} at the end`,
  ].join('; ');
}

const sum = (records: SummaryRecord[], field: keyof SummaryRecord) =>
  records.reduce((total, entry) => total + (Number(entry[field]) || 0), 0);

export function renderSummary(records: SummaryRecord[], facts: RunFacts): string {
  const rows: Array<[string, number]> = [
    ['faults survived', sum(records, 'faultsSurvived')],
    ['loads held', sum(records, 'loadsHeld')],
    ['bad inputs tried', sum(records, 'badInputsTried')],
    ['property runs', sum(records, 'propertyRuns')],
    ['client assets scanned for secrets', sum(records, 'secretsScanned')],
    ['results lost (emulator jobs completed, result never delivered)', sum(records, 'resultsLost')],
    ['duplicate submits (emulator queue jobs beyond one per intent)', sum(records, 'duplicateSubmits')],
  ];
  const lines = [
    '# Reliability suite results',
    '',
    'Generated by the reliability suite (`test/reliability/`) at the end of',
    '`npx vitest run --project cross-package` (part of `pnpm test` / `pnpm run ci`); do not edit by hand.',
    'Written only when every reliability test passed; each row comes from a test that passed. The',
    "lost/duplicate counters are read from the emulator's own job records, not from the client.",
    '',
    `- commit: ${facts.commit}`,
    `- run started: ${facts.startedAt.toISOString()}, took ${(facts.durationMs / 1000).toFixed(1)} s`,
    `- machine: ${facts.machine}`,
    '',
    '| measure | count |',
    '|---|---:|',
    ...rows.map(([name, value]) => `| ${name} | ${value.toLocaleString('en-US')} |`),
    '',
  ];
  for (const suite of SUITES) {
    const entries = records.filter((entry) => entry.suite === suite);
    if (entries.length === 0) continue;
    lines.push(`## ${suite}`, '', '| case | outcome |', '|---|---|');
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const metrics = entry.metrics
        ? ` (${Object.entries(entry.metrics)
            .map(([key, value]) => `${key}: ${value}`)
            .join(', ')})`
        : '';
      lines.push(`| ${escapeCell(entry.name)} | ${escapeCell(entry.outcome + metrics)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
