/**
 * An AbortController that follows `parent` and optionally aborts itself after `timeoutMs` with
 * `onTimeout()`'s reason. `dispose()` removes the listener and the timer: call it in `finally` so a
 * long-lived parent signal does not accumulate listeners.
 */
export interface LinkedAbort {
  signal: AbortSignal;
  abort(reason?: unknown): void;
  dispose(): void;
}

export function linkedAbort(
  parent: AbortSignal | undefined,
  timeout?: { ms: number; reason: () => unknown },
): LinkedAbort {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  if (timeout && !controller.signal.aborted) {
    timer = setTimeout(() => controller.abort(timeout.reason()), timeout.ms);
  }
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose() {
      parent?.removeEventListener('abort', onParentAbort);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
