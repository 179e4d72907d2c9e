import { DEFAULT_MAX_LOGS } from '@falkit/core/observers';
import { type HTMLAttributes, type ReactNode, type UIEvent, useLayoutEffect, useRef, useState } from 'react';
import { type SlotStyling, slotProps } from './slots';
import type { FalLogLike } from './status';

export type FalLogsSlot = 'root' | 'viewport' | 'list' | 'line' | 'level' | 'timestamp' | 'message' | 'jump';

export interface FalLogsProps
  extends SlotStyling<FalLogsSlot>,
    Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'children'> {
  logs: readonly FalLogLike[] | null | undefined;
  /**
   * Only the newest lines are kept in the DOM, so a flood of logs costs bounded memory. Default:
   * core's `DEFAULT_MAX_LOGS` (1,000), the same bound a request keeps.
   */
  maxLines?: number;
  /** Only show these levels (case-insensitive, e.g. `['ERROR', 'WARN']`). */
  levels?: readonly string[];
  /** Accessible name of the log region. */
  label?: string;
  /** Shown when there are no lines. */
  emptyText?: ReactNode;
  /** Keep the newest line in view until the user scrolls up (default true). */
  autoScroll?: boolean;
  renderMessage?: (log: FalLogLike) => ReactNode;
}

// Within this many pixels of the bottom still counts as "at the bottom" (sub-pixel rounding).
const bottomTolerancePx = 4;

function formatTimestamp(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(11, 19);
}

/**
 * Streaming logs with levels. Follows new lines until the user scrolls up, then offers a
 * "Jump to latest" button; keeps at most `maxLines` lines.
 */
export function FalLogs(props: FalLogsProps) {
  const {
    logs,
    maxLines = DEFAULT_MAX_LOGS,
    levels,
    label = 'Logs',
    emptyText = 'No logs yet',
    autoScroll = true,
    renderMessage,
    className,
    classNames,
    appearance,
    style,
    ...rest
  } = props;
  const styling = { className, classNames, appearance };
  const viewportRef = useRef<HTMLDivElement>(null);
  const followingRef = useRef(true);
  const [following, setFollowing] = useState(true);

  const wanted = levels ? new Set(levels.map((level) => level.toLowerCase())) : undefined;
  const all = logs ?? [];
  const firstIndex = wanted ? 0 : Math.max(0, all.length - maxLines);
  let shown: Array<{ log: FalLogLike; index: number }> = [];
  for (let index = firstIndex; index < all.length; index++) {
    const log = all[index]!;
    if (!wanted || wanted.has((log.level ?? '').toLowerCase())) shown.push({ log, index });
  }
  if (shown.length > maxLines) shown = shown.slice(shown.length - maxLines);
  const lastIndex = shown.at(-1)?.index;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the newest line changes
  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (viewport && autoScroll && followingRef.current) viewport.scrollTop = viewport.scrollHeight;
  }, [lastIndex, shown.length, autoScroll]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    rest.onScroll?.(event);
    const viewport = event.currentTarget;
    const atBottom = viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight <= bottomTolerancePx;
    followingRef.current = atBottom;
    setFollowing(atBottom);
  };

  const jumpToLatest = () => {
    const viewport = viewportRef.current;
    followingRef.current = true;
    setFollowing(true);
    if (viewport) viewport.scrollTop = viewport.scrollHeight;
  };

  const { onScroll: _onScroll, ...rootRest } = rest;
  return (
    <div
      {...rootRest}
      {...slotProps(styling, 'root', 'logs', style)}
      data-state={following ? 'following' : 'paused'}
    >
      <div
        {...slotProps(styling, 'viewport', 'logs-viewport')}
        ref={viewportRef}
        role="log"
        aria-label={label}
        aria-live="polite"
        // Focusable so keyboard users can scroll it with the arrow keys.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
        tabIndex={0}
        onScroll={onScroll}
      >
        {shown.length === 0 ? (
          <p {...slotProps(styling, 'message', 'logs-empty')}>{emptyText}</p>
        ) : (
          <ol {...slotProps(styling, 'list', 'logs-list')}>
            {shown.map(({ log, index }) => {
              const level = (log.level ?? 'INFO').toUpperCase();
              const time = formatTimestamp(log.timestamp);
              return (
                <li key={index} {...slotProps(styling, 'line', 'logs-line')} data-level={level.toLowerCase()}>
                  {time ? (
                    <time {...slotProps(styling, 'timestamp', 'logs-timestamp')} dateTime={log.timestamp}>
                      {time}
                    </time>
                  ) : null}
                  <span {...slotProps(styling, 'level', 'logs-level')}>{level}</span>
                  <span {...slotProps(styling, 'message', 'logs-message')}>
                    {renderMessage ? renderMessage(log) : log.message}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {following ? null : (
        <button {...slotProps(styling, 'jump', 'logs-jump')} type="button" onClick={jumpToLatest}>
          Jump to latest
        </button>
      )}
    </div>
  );
}
