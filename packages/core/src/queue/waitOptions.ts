import type { FalContext } from '../context';
import {
  assertClientTimeout,
  assertConnectionMode,
  assertMaxLogs,
  assertPollInterval,
  assertSignal,
} from '../validation/assertOptions';
import type { QueueWaitOptions } from './queueOptions';

/** Checks the options of waiting for a queued request and returns its timeout (ms, or none). */
export function checkWaitOptions(options: QueueWaitOptions & { abortSignal?: AbortSignal }, ctx: FalContext) {
  assertSignal(options.abortSignal);
  assertPollInterval(options.pollInterval);
  assertConnectionMode(options.connectionMode);
  assertMaxLogs(options.maxLogs);
  const timeoutMs = options.timeout ?? ctx.defaultTimeoutMs;
  assertClientTimeout(timeoutMs);
  return timeoutMs;
}
