import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DEFAULT_MAX_LOGS,
  type FalLogLike,
  formatElapsed,
  isPendingStatus,
  isTerminalStatus,
  type ObserverStatus,
  progressFromLogs,
  queuePositionText,
  statusText,
} from '../../src/index';

const every: ObserverStatus[] = [
  'idle',
  'submitting',
  'in_queue',
  'in_progress',
  'uploading',
  'streaming',
  'success',
  'error',
  'cancelled',
];

const log = (message: string): FalLogLike => ({ message, level: 'INFO' });

describe('component helpers (as the README shows them)', () => {
  it('statusText has words for every status, and places in line counted from 1', () => {
    expect(every.map((status) => statusText(status))).toEqual([
      'Ready',
      'Submitting',
      'In queue',
      'Running',
      'Uploading',
      'Streaming',
      'Done',
      'Failed',
      'Cancelled',
    ]);
    expect(statusText('in_queue', 0)).toBe('Position 1 in queue');
    expect(statusText('in_queue', 4)).toBe('Position 5 in queue');
  });

  it('queuePositionText copes with missing or odd positions', () => {
    expect(queuePositionText(undefined)).toBe('In queue');
    expect(queuePositionText(null)).toBe('In queue');
    expect(queuePositionText(Number.NaN)).toBe('In queue');
    expect(queuePositionText(-3)).toBe('Position 1 in queue');
    expect(queuePositionText(2.7)).toBe('Position 3 in queue');
  });

  it('splits statuses into active and terminal, with idle in neither', () => {
    expect(every.filter(isPendingStatus)).toEqual([
      'submitting',
      'in_queue',
      'in_progress',
      'uploading',
      'streaming',
    ]);
    expect(every.filter(isTerminalStatus)).toEqual(['success', 'error', 'cancelled']);
    expect(isPendingStatus(undefined)).toBe(false);
    expect(isTerminalStatus(undefined)).toBe(false);
  });

  it('progressFromLogs reads the newest line that reports progress', () => {
    expect(progressFromLogs([log(' 45%|████▌     | 9/20')])).toBe(0.45);
    expect(progressFromLogs([log('Step 3/20'), log('Step 9/20'), log('saving')])).toBe(9 / 20);
    expect(progressFromLogs([log('loading weights'), log('warming up')])).toBeUndefined();
    expect(progressFromLogs(undefined)).toBeUndefined();
    // Nonsense ratios and percentages are ignored rather than shown as progress.
    expect(progressFromLogs([log('Step 30/20'), log('150% of budget')])).toBeUndefined();
    // Only the last lines are searched, so an old report does not stand in for current progress.
    const old = [log('Step 1/20'), ...Array.from({ length: 20 }, () => log('tick'))];
    expect(progressFromLogs(old)).toBeUndefined();
  });

  it('formatElapsed shows m:ss, and h:mm:ss past an hour', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(83_000)).toBe('1:23');
    expect(formatElapsed(83_999)).toBe('1:23');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });

  it("exports core's log cap and typed helpers", () => {
    expect(DEFAULT_MAX_LOGS).toBe(1000);
    expectTypeOf(statusText).parameters.toEqualTypeOf<[ObserverStatus, (number | null)?]>();
    expectTypeOf(progressFromLogs).returns.toEqualTypeOf<number | undefined>();
  });
});
