import type { HTMLAttributes, ReactNode } from 'react';
import { errorMessage } from './errorMessage';
import { type SlotStyling, slotProps } from './slots';
import { isPendingStatus, type ObserverStatus } from '@falkit/core/observers';
import { statusText } from './statusText';
import { formatElapsed, useElapsed } from './useElapsed';

export type FalQueueStatusSlot = 'root' | 'status' | 'elapsed' | 'cancel' | 'error';

export interface FalQueueStatusState {
  status: ObserverStatus;
  queuePosition: number | null | undefined;
  elapsedMs: number;
  error: unknown;
}

export interface FalQueueStatusProps
  extends SlotStyling<FalQueueStatusSlot>,
    Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'children' | 'content'> {
  status: ObserverStatus;
  /** fal's `queue_position` (requests ahead, 0 = next); shown as a place in line. */
  queuePosition?: number | null;
  error?: unknown;
  /** Shows a cancel button while the job is active. */
  onCancel?: () => void;
  cancelLabel?: string;
  /** When the job started (epoch ms); by default, when this component first saw it active. */
  startedAt?: number;
  /** Hide the elapsed time with `false`. */
  showElapsed?: boolean;
  /** Replace the words for a status: a node, or a function of the state. */
  content?: Partial<Record<ObserverStatus, ReactNode | ((state: FalQueueStatusState) => ReactNode)>>;
}

/**
 * "Position N in queue" / "Running" / "Done" in a polite live region, with elapsed time and a
 * cancel button. Only the status words are announced, never the ticking clock.
 */
export function FalQueueStatus(props: FalQueueStatusProps) {
  const {
    status,
    queuePosition,
    error,
    onCancel,
    cancelLabel = 'Cancel',
    startedAt,
    showElapsed = true,
    content,
    className,
    classNames,
    appearance,
    style,
    ...rest
  } = props;
  const styling = { className, classNames, appearance };
  const elapsedMs = useElapsed(status, startedAt);
  const state: FalQueueStatusState = { status, queuePosition, elapsedMs, error };
  const custom = content?.[status];
  const words = typeof custom === 'function' ? custom(state) : (custom ?? statusText(status, queuePosition));
  const message = status === 'error' ? errorMessage(error) : undefined;
  const elapsedSeconds = Math.floor(elapsedMs / 1000);
  const root = slotProps(styling, 'root', 'queue-status', style);

  return (
    <div {...rest} {...root} data-state={status}>
      <span {...slotProps(styling, 'status', 'queue-status-text')} aria-live="polite" aria-atomic="true">
        {words}
        {message ? (
          <span {...slotProps(styling, 'error', 'queue-status-error')}>
            {': '}
            {message}
          </span>
        ) : null}
      </span>
      {showElapsed && status !== 'idle' ? (
        <time
          {...slotProps(styling, 'elapsed', 'queue-status-elapsed')}
          dateTime={`PT${elapsedSeconds}S`}
          title="Elapsed time"
        >
          {formatElapsed(elapsedMs)}
        </time>
      ) : null}
      {onCancel && isPendingStatus(status) ? (
        <button {...slotProps(styling, 'cancel', 'queue-status-cancel')} type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  );
}
