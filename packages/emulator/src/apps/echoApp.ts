import { AppError, type AppHandler, isRecord } from './appTypes.js';

/**
 * `falkit/echo`: returns its input unchanged. Knobs, all optional, read from the input:
 * - `delay_ms`: how long the job runs (scaled by the emulator's speed);
 * - `logs`: number of log lines to emit, spread across the delay;
 * - `events`: number of `{index, total}` events to stream before the final result;
 * - `fail`: `{status, body?, headers?}` — answer with that error instead of the input.
 */
export const echoApp: AppHandler = async function* echo(context) {
  const input = isRecord(context.input) ? context.input : {};
  const delayMs = typeof input.delay_ms === 'number' && input.delay_ms > 0 ? input.delay_ms : 0;
  const logCount = typeof input.logs === 'number' ? Math.max(0, Math.floor(input.logs)) : 0;
  const eventCount = typeof input.events === 'number' ? Math.max(0, Math.floor(input.events)) : 0;
  const steps = Math.max(logCount, eventCount, 1);
  for (let step = 0; step < steps; step++) {
    await context.sleep(delayMs / steps);
    if (step < logCount) context.log(`echo: step ${step + 1} of ${logCount}`);
    if (step < eventCount) yield { index: step, total: eventCount };
  }
  if (isRecord(input.fail)) {
    const status = typeof input.fail.status === 'number' ? input.fail.status : 500;
    const body = 'body' in input.fail ? input.fail.body : { detail: 'echo failure requested' };
    const headers = isRecord(input.fail.headers) ? (input.fail.headers as Record<string, string>) : {};
    throw new AppError(status, body, headers);
  }
  return context.input;
};
