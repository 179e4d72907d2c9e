/** The platform's cancellation error: the signal's reason when it is an error, else a DOMException. */
export function abortReason(signal: AbortSignal | undefined): unknown {
  const reason = signal?.reason;
  if (reason instanceof Error || (typeof DOMException !== 'undefined' && reason instanceof DOMException)) {
    return reason;
  }
  return new DOMException('The operation was aborted.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}
