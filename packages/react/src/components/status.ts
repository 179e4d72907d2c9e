/**
 * The status vocabulary of the components is core's (`ObserverStatus`, `isPendingStatus`,
 * `isTerminalStatus`, re-exported by `@falkit/react`); this file only holds the log-line shape.
 */
/** A log line as fal sends it (`{message, level, source, timestamp}`); only `message` is required. */
export interface FalLogLike {
  message: string;
  level?: string;
  source?: string;
  timestamp?: string;
}
