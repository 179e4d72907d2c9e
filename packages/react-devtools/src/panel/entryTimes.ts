/** Time queued, running and in total for one entry, as of `now`. */
import type { DevtoolsEntry } from '../devtoolsEntry';

export interface EntryTimes {
  queued: number | undefined;
  running: number | undefined;
  total: number | undefined;
}

export function entryTimes(entry: DevtoolsEntry, now: number): EntryTimes {
  const { submittedAt, startedAt, completedAt } = entry;
  if (submittedAt === undefined) return { queued: undefined, running: undefined, total: undefined };
  const end = completedAt ?? now;
  return {
    queued: (startedAt ?? end) - submittedAt,
    running: startedAt === undefined ? undefined : end - startedAt,
    total: end - submittedAt,
  };
}
