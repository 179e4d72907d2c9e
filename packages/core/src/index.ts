export { createFalClient, type FalClient } from './client';
export type { Config, FalClientConfig, RetryInfo } from './config';
export { FalError } from './errors/falError';
export { ApiError, type ApiErrorArgs } from './errors/apiError';
export {
  ValidationError,
  type ValidationErrorInfo,
  type ValidationErrorBody,
} from './errors/validationError';
export { MissingCredentialsError } from './errors/missingCredentialsError';
export { TimeoutError } from './errors/timeoutError';
export { FalInputError } from './errors/falInputError';
export { NetworkError, type NetworkErrorArgs } from './errors/networkError';
export { parseEndpointId, type EndpointId } from './endpoint/parseEndpointId';
export { isRetryableError } from './retry/isRetryable';
export type { RetryOptions, RetryConfig } from './retry/retryOptions';
export type { RetryOperation } from './retry/defaultRetryPolicies';
export { withMiddleware, type RequestMiddleware, type RequestConfig } from './transport/requestMiddleware';
export {
  withProxy,
  type ProxyUrlConfig,
  type ProxyRuntimeEnv,
  type ProxyRuntimeGate,
  type RequestProxyConfig,
} from './transport/withProxy';
export type { CredentialsResolver } from './transport/credentials';
export type { Result, WebHookResponse } from './types/result';
export type { RunOptions, RetryAttempt } from './types/options';
export type {
  EndpointType,
  EndpointTypeMap,
  FalEndpoint,
  InputType,
  OutputType,
  UnknownEndpointInput,
} from './types/endpoints';
export {
  isQueueStatus,
  isCompletedQueueStatus,
  isQueued,
  isInProgress,
  isCompleted,
  type QueueStatus,
  type InQueueQueueStatus,
  type InProgressQueueStatus,
  type CompletedQueueStatus,
  type RequestLog,
  type Metrics,
} from './types/queueStatus';
export type { Priority } from './validation/assertOptions';
export {
  fal,
  submit,
  handle,
  status,
  result,
  cancel,
  uploadImage,
  type SingletonFalClient,
} from './fal';
export type { QueueClient } from './queue/queueClient';
export type { RequestHandle } from './queue/requestHandle';
export type {
  SubmitOptions,
  SubscribeOptions,
  QueueSubscribeOptions,
  QueueStatusOptions,
  QueueStatusStreamOptions,
  QueueStatusSubscriptionOptions,
  QueueModeOptions,
  QueueWaitOptions,
  BaseQueueOptions,
} from './queue/queueOptions';
// Stream, storage and encoding (issue 3 part B)
export type { FalStream } from './stream/falStream';
export type { StreamApi } from './stream/stream';
export type {
  StreamOptions,
  StreamingConnectionMode,
  StreamTokenProvider,
  FalStreamEventType,
} from './stream/streamOptions';
export type { StorageApi } from './storage/storageApi';
// Realtime (WebSocket): `client.realtime` loads its code on first send; `@falkit/core/realtime` is the eager entry.
export type {
  RealtimeClient,
  RealtimeConnection,
  RealtimeConnectionHandler,
  RealtimeTokenProvider,
  WebSocketConstructor,
  WebSocketLike,
} from './realtime/realtimeTypes';
export type { UploadOptions, UploadRetryOptions, TransferRetryOptions } from './storage/upload';
export type { UploadData } from './storage/uploadSource';
export type { UploadProgress, UploadProgressListener } from './storage/uploadProgress';
export type { TransformInputOptions } from './storage/transformInput';
export type {
  ObjectExpiration,
  StorageACL,
  StorageACLDecision,
  StorageACLRule,
  StorageSettings,
  UploadLifecycle,
} from './storage/objectLifecycle';
export { encode, encodeBlob, type EncodableData } from './encoding/encode';
export { encodeImage } from './encoding/encodeImage';
export type { ImageFormat, ImageSource } from './encoding/imageToBlob';
