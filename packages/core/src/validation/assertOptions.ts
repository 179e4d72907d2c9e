import { FalInputError } from '../errors/falInputError';

export type Priority = 'normal' | 'low';

export function assertPriority(priority: unknown): asserts priority is Priority | undefined {
  if (priority !== undefined && priority !== 'normal' && priority !== 'low') {
    throw new FalInputError(`must be "normal" or "low", got ${JSON.stringify(priority)}`, 'priority');
  }
}

/** Server-side `startTimeout` in seconds: fal and both official clients require more than 1 s. */
export function assertStartTimeout(seconds: unknown): asserts seconds is number | undefined {
  if (seconds === undefined) return;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 1) {
    throw new FalInputError(
      `must be a number of seconds greater than 1, got ${String(seconds)}`,
      'startTimeout',
    );
  }
}

/** Client-side `timeout` in milliseconds: a finite number above 1 s (shorter cannot outlive a round trip). */
export function assertClientTimeout(ms: unknown, name = 'timeout'): asserts ms is number | undefined {
  if (ms === undefined) return;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 1000) {
    throw new FalInputError(`must be a number of milliseconds greater than 1000, got ${String(ms)}`, name);
  }
}

export function assertWebhookUrl(url: unknown): asserts url is string | undefined {
  if (url === undefined) return;
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new FalInputError(`must be an absolute http(s) URL, got ${JSON.stringify(url)}`, 'webhookUrl');
  }
}

export function assertPollInterval(ms: unknown): asserts ms is number | undefined {
  if (ms === undefined) return;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new FalInputError(`must be a positive number of milliseconds, got ${String(ms)}`, 'pollInterval');
  }
}

export function assertConnectionMode(mode: unknown): void {
  if (mode !== undefined && mode !== 'client' && mode !== 'server') {
    throw new FalInputError(`must be 'client' or 'server', got ${String(mode)}`, 'connectionMode');
  }
}

export function assertHeaders(headers: unknown): asserts headers is Record<string, string> | undefined {
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new FalInputError('must be an object of header names to string values', 'headers');
  }
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string')
      throw new FalInputError('header values must be strings', `headers.${name}`);
  }
}

export function assertSignal(
  signal: unknown,
  name = 'abortSignal',
): asserts signal is AbortSignal | undefined {
  // Duck-typed: jsdom and other realms bring their own AbortSignal class.
  const candidate = signal as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (
    signal !== undefined &&
    (typeof candidate?.aborted !== 'boolean' || typeof candidate.addEventListener !== 'function')
  ) {
    throw new FalInputError('must be an AbortSignal', name);
  }
}

/** `maxLogs` must be a whole number ≥ 0 or `Infinity`; anything else is a caller mistake. */
export function assertMaxLogs(maxLogs: unknown): asserts maxLogs is number | undefined {
  if (maxLogs === undefined) return;
  if (
    typeof maxLogs === 'number' &&
    maxLogs >= 0 &&
    (Number.isInteger(maxLogs) || maxLogs === Number.POSITIVE_INFINITY)
  )
    return;
  throw new FalInputError(`must be a whole number ≥ 0 or Infinity, got ${String(maxLogs)}`, 'maxLogs');
}
