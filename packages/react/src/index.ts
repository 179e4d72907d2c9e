'use client';
export { FalProvider, type FalProviderProps, useFalClient } from './falProvider';
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
export type {
  ObserverStatus,
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
