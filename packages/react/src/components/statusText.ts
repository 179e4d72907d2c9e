import type { ObserverStatus } from '@falkit/core/observers';

/**
 * fal's `queue_position` counts the requests ahead (0 = next). People read a place in line, so
 * we show `position + 1`: "Position 1 in queue" means you are next.
 */
export function queuePositionText(queuePosition: number | null | undefined): string {
  if (queuePosition === null || queuePosition === undefined || !Number.isFinite(queuePosition)) {
    return 'In queue';
  }
  return `Position ${Math.max(0, Math.floor(queuePosition)) + 1} in queue`;
}

/** The default words for each status, as the components show them. */
export function statusText(status: ObserverStatus, queuePosition?: number | null): string {
  switch (status) {
    case 'idle':
      return 'Ready';
    case 'submitting':
      return 'Submitting';
    case 'in_queue':
      return queuePositionText(queuePosition);
    case 'in_progress':
      return 'Running';
    case 'uploading':
      return 'Uploading';
    case 'streaming':
      return 'Streaming';
    case 'success':
      return 'Done';
    case 'error':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}
