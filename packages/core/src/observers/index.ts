export {
  FalRequest,
  type ObserverRequestConfig,
  type RequestEvent,
  type RequestKind,
  type RequestSubscriber,
} from './falRequest';
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
  type PendingStatus,
  type SettledStatus,
  type StatusFlags,
  type StatusFlagsOf,
  statusFlags,
  type WithStatusFlags,
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
export {
  type RequestActions,
  RequestObserver,
  type RequestCallbacks,
  type RequestObserverOptions,
  type RequestSnapshot,
  UNOBSERVED_SUBMIT_GRACE_MS,
} from './requestObserver';
export type { RequestState, RequestStateBase, RequestStatus } from './requestState';
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
// The store (issue 10): one FalStore owns the client, the requests and their policies.
export {
  DEFAULT_GC_TIME,
  type FalActivity,
  type FalFetchOptions,
  type FalRequestOptions,
  FalStore,
  type FalStoreEntry,
  type FalStoreEvent,
  type FalStoreListener,
  type FalStoreOptions,
  type RequestSpec,
} from '../store/falStore';
export { requestKey } from '../store/requestKey';
export { DEFAULT_MAX_LOGS } from '../queue/logAccumulator';
