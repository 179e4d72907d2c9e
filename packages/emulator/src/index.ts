export { createEmulator } from './emulator.js';
export type {
  Emulator,
  EmulatorFaults,
  EmulatorOptions,
  ListenOptions,
  ListeningEmulator,
  AppOptions,
} from './emulator.js';
export type { RealtimeContext, RealtimeHandler, RealtimeSocket } from './realtime/realtimeTypes.js';
export type { RealtimeConnection } from './realtime/realtimeGateway.js';
export { AppError, inputError, missingField } from './apps/appTypes.js';
export type { AppContext, AppHandler, LogLevel } from './apps/appTypes.js';
export type { Fault, FaultAction, FaultMatch, FaultSpec } from './faults/faultTypes.js';
export type { RequestLogEntry } from './observability/requestLog.js';
export type { JobInfo } from './queue/jobInfo.js';
export type { JobStatus, LogEntry } from './queue/job.js';
export type { RouteInfo } from './routeInfo.js';
export type { UrlForm } from './urls/urlForm.js';
export type { RecordOptions } from './record/recorder.js';
export type { ReplayOptions } from './record/replayer.js';
export type {
  Cassette,
  RecordedEvent,
  RecordedFile,
  RecordedResult,
  RecordedStatus,
  Recording,
  RecordingMode,
} from './record/recording.js';
export type { PutOptions, Storage, StorageOptions } from './storage/storage.js';
export type {
  WebhookBody,
  WebhookDelivery,
  WebhookJwk,
  WebhookJwks,
  WebhookRetryOptions,
  WebhookSender,
  WebhookSenderOptions,
} from './webhooks/webhookSender.js';
