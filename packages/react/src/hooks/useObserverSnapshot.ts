'use client';
import type { SnapshotObserver } from '@falkit/core';
import { useMemo, useSyncExternalStore } from 'react';

/**
 * Subscribe a component to an observer. The returned snapshot records which properties the
 * component reads, so it re-renders only when one of those changes.
 */
export function useObserverSnapshot<TSnapshot extends object>(
  observer: SnapshotObserver<TSnapshot>,
): TSnapshot {
  const snapshot = useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getServerSnapshot);
  return useMemo(() => observer.trackSnapshot(snapshot), [observer, snapshot]);
}
