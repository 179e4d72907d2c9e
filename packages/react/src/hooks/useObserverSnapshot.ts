'use client';
import type { SnapshotObserver } from '@falkit/core/observers';
import { useMemo, useSyncExternalStore } from 'react';

/**
 * Subscribe a component to an observer. The returned snapshot records which properties the
 * component reads, so it re-renders only when one of those changes. `optimistic`, when given, is
 * shown instead of the published snapshot for this render (the hooks pass the observer's snapshot
 * for options an effect has not applied yet).
 */
export function useObserverSnapshot<TSnapshot extends object>(
  observer: SnapshotObserver<TSnapshot>,
  optimistic?: TSnapshot,
): TSnapshot {
  const published = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getServerSnapshot,
  );
  const snapshot = optimistic ?? published;
  return useMemo(() => observer.trackSnapshot(snapshot), [observer, snapshot]);
}
