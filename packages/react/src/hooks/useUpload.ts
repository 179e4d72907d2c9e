'use client';
import type { FalClient } from '@falkit/core';
import { UploadObserver, type UploadObserverOptions, type UploadSnapshot } from '@falkit/core/observers';
import { useEffect } from 'react';
import { useStoreObserver } from './useStoreObserver';
import { useObserverSnapshot } from './useObserverSnapshot';

export interface UseUploadOptions extends UploadObserverOptions {
  client?: FalClient;
}

export type UseUploadResult = UploadSnapshot;

/**
 * Upload files to fal storage: `upload(files)` → URLs, per-file and total progress, validation
 * (`accept`, `maxSize`, `minSize`, `maxFiles`) with typed rejection codes, `cancel()`.
 * Unmounting cancels transfers in flight.
 */
export function useUpload(options: UseUploadOptions = {}): UseUploadResult {
  const observer = useStoreObserver(options.client, (store) => new UploadObserver(store, options));
  useEffect(() => {
    observer.setOptions(options);
  });
  return useObserverSnapshot(observer);
}
