/**
 * The one policy for user callbacks (`onSuccess`, `onLog`, `onProgress`, store listeners, …): a
 * throw inside one never breaks the observer's state machine, and is never swallowed either. It is
 * reported like an uncaught error: through `reportError` where it exists (browsers, Deno, Bun),
 * else rethrown from a fresh task (Node: an `uncaughtException`, as any throwing event listener).
 */
export function callSafely(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    reportCallbackError(error);
  }
}

export function reportCallbackError(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}
