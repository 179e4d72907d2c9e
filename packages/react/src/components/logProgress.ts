import type { FalLogLike } from './status';

// tqdm-style bars (" 45%|████▌ | 9/20") and "step 9/20" lines are what diffusion apps print.
const percentPattern = /(\d{1,3}(?:\.\d+)?)\s*%/;
const ratioPattern = /(\d+)\s*\/\s*(\d+)/;
const linesToSearch = 10;

/**
 * Progress (0..1) read from the most recent log lines that report it, or `undefined` when none
 * does. Only the last few lines are searched, so a long log stays cheap.
 */
export function progressFromLogs(logs: readonly FalLogLike[] | undefined): number | undefined {
  if (!logs) return undefined;
  const stop = Math.max(0, logs.length - linesToSearch);
  for (let index = logs.length - 1; index >= stop; index--) {
    const message = logs[index]?.message ?? '';
    const percent = percentPattern.exec(message);
    if (percent) {
      const value = Number(percent[1]) / 100;
      if (value >= 0 && value <= 1) return value;
    }
    const ratio = ratioPattern.exec(message);
    if (ratio) {
      const done = Number(ratio[1]);
      const total = Number(ratio[2]);
      if (total > 0 && done <= total) return done / total;
    }
  }
  return undefined;
}
