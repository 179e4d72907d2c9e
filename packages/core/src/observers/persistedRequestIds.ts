/**
 * Remembers running request ids in `sessionStorage`, so a reload re-attaches to the job instead of
 * submitting a new one. Every access is guarded: no storage on the server, in some sandboxed
 * iframes or with storage disabled, and the feature then silently does nothing.
 */
const PREFIX = 'falkit:request:';

function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

export function readPersistedRequestId(key: string): string | undefined {
  try {
    return storage()?.getItem(PREFIX + key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writePersistedRequestId(key: string, requestId: string): void {
  try {
    storage()?.setItem(PREFIX + key, requestId);
  } catch {
    // Quota or privacy mode: resuming is best effort.
  }
}

export function removePersistedRequestId(key: string): void {
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // See above.
  }
}
