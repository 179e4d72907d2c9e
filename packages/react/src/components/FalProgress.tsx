import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { progressFromLogs } from './logProgress';
import { type SlotStyling, slotProps } from './slots';
import { isPendingStatus, type ObserverStatus } from '@falkit/core/observers';
import type { FalLogLike } from './status';
import { statusText } from './statusText';

export type FalProgressSlot = 'root' | 'track' | 'indicator' | 'label';

/** What the progress bar resolved its props to; passed to a custom `renderLabel`. */
export interface FalProgressState {
  status: ObserverStatus | undefined;
  /** 0..1, or `undefined` when indeterminate. */
  value: number | undefined;
  queuePosition: number | null | undefined;
  busy: boolean;
}

export interface FalProgressProps
  extends SlotStyling<FalProgressSlot>,
    Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'children' | 'role'> {
  /** Fraction done, 0..1 (e.g. an upload's `progress.fraction`). `null` forces indeterminate. */
  value?: number | null;
  /** A job's or upload's status; decides indeterminate, busy and done when `value` is absent. */
  status?: ObserverStatus;
  /** Shown while `status` is `in_queue`. */
  queuePosition?: number | null;
  /** While running, progress is read from lines like `45%` or `step 9/20` when present. */
  logs?: readonly FalLogLike[];
  /** Accessible name of the progress bar. */
  label?: string;
  /** Visible text next to the bar; `false` hides it. Defaults to the percentage or the status. */
  renderLabel?: false | ((state: FalProgressState) => ReactNode);
}

function clampFraction(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

function resolveValue(props: FalProgressProps): number | undefined {
  if (props.value === null) return undefined;
  if (props.value !== undefined) return clampFraction(props.value);
  switch (props.status) {
    case 'success':
      return 1;
    case 'idle':
      return 0;
    case 'in_progress':
      return progressFromLogs(props.logs);
    default:
      return undefined;
  }
}

function defaultLabel(state: FalProgressState): string {
  if (state.status === 'in_queue') return statusText('in_queue', state.queuePosition);
  if (state.value !== undefined) return `${Math.round(state.value * 100)}%`;
  return state.status ? statusText(state.status, state.queuePosition) : 'Working';
}

/**
 * An accessible progress bar for uploads (determinate) and jobs (queue position, then
 * indeterminate or log-derived). Sets `--falkit-progress` (e.g. `40%`) on the root for styling.
 */
export function FalProgress(props: FalProgressProps) {
  const {
    value: _value,
    status,
    queuePosition,
    logs: _logs,
    label = 'Progress',
    renderLabel,
    className,
    classNames,
    appearance,
    style,
    ...rest
  } = props;
  const styling = { className, classNames, appearance };
  const value = resolveValue(props);
  const busy = status ? isPendingStatus(status) : value !== undefined && value < 1;
  const state: FalProgressState = { status, value, queuePosition, busy };
  const text = renderLabel === false ? null : renderLabel ? renderLabel(state) : defaultLabel(state);
  const percent = value === undefined ? undefined : Math.round(value * 100);
  const rootStyle = {
    ...style,
    '--falkit-progress': percent === undefined ? undefined : `${percent}%`,
  } as CSSProperties;
  const root = slotProps(styling, 'root', 'progress', rootStyle);

  return (
    <div
      {...rest}
      {...root}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={status === 'in_queue' || percent === undefined ? defaultLabel(state) : undefined}
      aria-busy={busy}
      data-state={status ?? (percent === 100 ? 'success' : 'in_progress')}
      data-mode={percent === undefined ? 'indeterminate' : 'determinate'}
    >
      <div {...slotProps(styling, 'track', 'progress-track')}>
        <div {...slotProps(styling, 'indicator', 'progress-indicator')} />
      </div>
      {text === null ? null : <span {...slotProps(styling, 'label', 'progress-label')}>{text}</span>}
    </div>
  );
}
