import { type AppContext, AppError, inputError, isRecord } from './appTypes.js';

/** Upper bound for the `logs` and `events` knobs: an unbounded count would spin an instant emulator forever. */
const MAX_STEPS = 10_000;

/** Reads a count knob as a whole number in 0..MAX_STEPS; anything else is a 422, as a real app validates. */
function readCount(input: Record<string, unknown>, name: string): number {
  const value = input[name];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_STEPS) {
    throw inputError([
      {
        loc: ['body', name],
        msg: `ensure this value is a number between 0 and ${MAX_STEPS}`,
        type: 'value_error.number',
      },
    ]);
  }
  return Math.floor(value);
}

/**
 * `falkit/echo`: returns its input unchanged. Knobs, all optional, read from the input:
 * - `delay_ms`: how long the job runs (scaled by the emulator's speed);
 * - `logs`: number of log lines to emit, spread across the delay (0–10000);
 * - `events`: number of `{index, total}` events to stream before the final result (0–10000);
 * - `fail`: `{status, body?, headers?}` — answer with that error instead of the input.
 */
export const echoApp = async function* echo(context: AppContext) {
  const input = isRecord(context.input) ? context.input : {};
  const delayMs = typeof input.delay_ms === 'number' && input.delay_ms > 0 ? input.delay_ms : 0;
  const logCount = readCount(input, 'logs');
  const eventCount = readCount(input, 'events');
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
