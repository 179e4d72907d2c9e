export { FalRequest, type ObserverRequestConfig, type RequestEvent, type RequestKind } from './falRequest';
export type {
  ObservedClient,
  ObservedMetrics,
  ObservedQueueStatus,
  ObservedRequestLog,
  ObservedResult,
  ObservedStream,
} from './observedClient';
export {
  isPendingStatus,
  isTerminalStatus,
  type ObserverStatus,
  type StatusFlags,
  statusFlags,
} from './observerStatus';
export {
  type BatchNotifyFunction,
  createNotifyManager,
  type NotifyFunction,
  type NotifyManager,
  type NotifyScheduler,
  notifyManager,
} from './notifyManager';
export { PublishThrottle } from './publishThrottle';
export {
  type RealtimeObservedClient,
  RealtimeObserver,
  type RealtimeObserverOptions,
  type RealtimeSnapshot,
  type RealtimeState,
  type RealtimeStatus,
  type RealtimeStatusFlags,
} from './realtimeObserver';
export { RequestCache } from './requestCache';
export {
  RequestObserver,
  type RequestCallbacks,
  type RequestObserverOptions,
  type RequestSnapshot,
} from './requestObserver';
export type { RequestState, RequestStatus } from './requestState';
export { RunObserver, type RunObserverOptions, type RunSnapshot } from './runObserver';
export { type NotifyOnChangeProps, SnapshotObserver, type SnapshotObserverOptions } from './snapshotObserver';
export { stableHash } from './stableHash';
export {
  StreamObserver,
  type StreamObserverOptions,
  type StreamSnapshot,
  type StreamState,
  type StreamStatus,
} from './streamObserver';
export { Subscribable } from './subscribable';
export {
  SubscribeObserver,
  type SubscribeObserverOptions,
  type SubscribeSnapshot,
} from './subscribeObserver';
export {
  type UploadError,
  type UploadErrorCode,
  type UploadFileState,
  type UploadFileStatus,
  type UploadInput,
  UploadObserver,
  type UploadObserverOptions,
  type UploadProgressGranularity,
  type UploadProgressState,
  type UploadSnapshot,
  type UploadState,
  type UploadStatus,
} from './uploadObserver';
export {
  acceptAttribute,
  formatBytes,
  type UploadAccept,
  type UploadRejection,
  type UploadRejectionCode,
  UploadRejectedError,
  type UploadRules,
  validateFiles,
} from './uploadValidation';
