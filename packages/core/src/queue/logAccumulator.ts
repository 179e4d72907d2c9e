import type { RequestLog } from '../types/queueStatus';

/**
 * Collects logs from status updates without duplicates. Polls repeat every earlier line and stream
 * events may repeat them too, so each line is keyed by timestamp, level, message and its occurrence
 * index within the batch (two identical lines in one batch are both kept).
 */
export function createLogAccumulator(): {
  add(batch: readonly RequestLog[] | null | undefined): RequestLog[];
} {
  const seen = new Set<string>();
  const all: RequestLog[] = [];
  return {
    add(batch) {
      const occurrences = new Map<string, number>();
      for (const log of batch ?? []) {
        const base = `${log.timestamp}\u0000${log.level}\u0000${log.message}`;
        const index = occurrences.get(base) ?? 0;
        occurrences.set(base, index + 1);
        const key = `${base}\u0000${index}`;
        if (!seen.has(key)) {
          seen.add(key);
          all.push(log);
        }
      }
      return all.slice();
    },
  };
}
