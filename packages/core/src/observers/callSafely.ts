/**
 * Runs a user callback (`onProgress`, `onResult`, …) so that a throw inside it reaches
 * `reportError` instead of breaking the observer's state machine.
 */
export function callSafely(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    if (typeof reportError === 'function') reportError(error);
  }
}
