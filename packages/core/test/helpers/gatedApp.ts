import type { AppContext, Emulator } from '@falkit/emulator';

/**
 * Registers `test/gated`: logs `started`, then waits until the test calls `release()` (or the job is
 * cancelled), logs `finished` and returns `{ done: true, input }`. Lets tests hold a job IN_PROGRESS
 * and push log lines (each one is a status-stream event) with `log()`.
 */
export function gatedApp(emulator: Emulator, id = 'test/gated') {
  let release!: () => void;
  let gate!: Promise<void>;
  let running: AppContext | undefined;
  const reset = () => {
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
  };
  reset();
  emulator.app(id, async (context) => {
    running = context;
    context.log('started');
    await new Promise<void>((resolve, reject) => {
      gate.then(resolve);
      context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true });
    });
    context.log('finished');
    return { done: true, input: context.input };
  });
  return {
    id,
    release: () => release(),
    log: (message: string) => running?.log(message),
    reset,
  };
}

/** Fake only timers (not setImmediate / I/O scheduling), so in-process fetches keep flowing. */
export const TIMERS_ONLY: {
  toFake: Array<'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'Date'>;
} = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
};
