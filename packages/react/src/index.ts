'use client';
export {
  FalProvider,
  type FalProviderPolicies,
  type FalProviderProps,
  useFalClient,
  useFalStore,
} from './falProvider';
export {
  type UseFalRealtimeOptions,
  type UseFalRealtimeResult,
  useFalRealtime,
} from './hooks/useFalRealtime';
export { type UseFalRunOptions, type UseFalRunResult, useFalRun } from './hooks/useFalRun';
export { type UseFalStreamOptions, type UseFalStreamResult, useFalStream } from './hooks/useFalStream';
export {
  type UseFalSubscribeOptions,
  type UseFalSubscribeResult,
  useFalSubscribe,
} from './hooks/useFalSubscribe';
export { type UseUploadOptions, type UseUploadResult, useUpload } from './hooks/useUpload';
export { useObserverSnapshot } from './hooks/useObserverSnapshot';
// The store and the one status vocabulary are core's, re-exported (not redefined).
export {
  DEFAULT_GC_TIME,
  DEFAULT_MAX_LOGS,
  FalStore,
  type FalStoreEvent,
  type FalStoreOptions,
  isPendingStatus,
  isTerminalStatus,
} from '@falkit/core/observers';
export type {
  ObserverStatus,
  PendingStatus,
  SettledStatus,
  RealtimeSnapshot,
  RealtimeStatus,
  RequestSnapshot,
  StreamSnapshot,
  StreamStatus,
  UploadError,
  UploadErrorCode,
  UploadFileState,
  UploadProgressGranularity,
  UploadProgressState,
  UploadRejection,
  UploadRejectionCode,
  UploadSnapshot,
  UploadStatus,
} from '@falkit/core/observers';
// Components (headless hooks + styled defaults); the stylesheet is `@falkit/react/styles.css`.
export * from './components';
