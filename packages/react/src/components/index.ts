export {
  FalDropZone,
  type FalDropZoneProps,
  type FalDropZoneSlot,
  type FalUploadedFile,
} from './FalDropZone';
export {
  FalImageResult,
  type FalImageLike,
  type FalImageResultProps,
  type FalImageResultSlot,
} from './FalImageResult';
export { FalLogs, type FalLogsProps, type FalLogsSlot } from './FalLogs';
export {
  FalProgress,
  type FalProgressProps,
  type FalProgressSlot,
  type FalProgressState,
} from './FalProgress';
export {
  FalQueueStatus,
  type FalQueueStatusProps,
  type FalQueueStatusSlot,
  type FalQueueStatusState,
} from './FalQueueStatus';
export { FalStreamText, type FalStreamTextProps, type FalStreamTextSlot } from './FalStreamText';
export { progressFromLogs } from './logProgress';
export type { SlotStyling } from './slots';
export type { FalLogLike } from './status';
export { queuePositionText, statusText } from './statusText';
export {
  type FalFileRejection,
  type FalFileRejectionCode,
  type FalFileValidator,
  type UseFalDropZoneOptions,
  type UseFalDropZoneResult,
  useFalDropZone,
} from './useFalDropZone';
export { formatElapsed } from './useElapsed';
