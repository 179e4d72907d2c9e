/**
 * Every entry of the store as a virtualised list (hundreds stay cheap): endpoint, status, request
 * id, times, queue history, retries, observers and gc time left.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { DevtoolsEntry } from '../devtoolsEntry';
import { entryTimes } from './entryTimes';
import { formatDuration } from './format';
import { QueueChart } from './QueueChart';
import { StatusBadge } from './StatusBadge';

const ROW_HEIGHT = 44;

export interface RequestListProps {
  entries: readonly DevtoolsEntry[];
  selectedKey: string | undefined;
  onSelect(key: string): void;
  onCopyRequestId(requestId: string): void;
  now: number;
}

function gcLeft(entry: DevtoolsEntry, now: number): string | undefined {
  if (entry.gcExpiresAt === undefined) return undefined;
  return Number.isFinite(entry.gcExpiresAt) ? `gc ${formatDuration(entry.gcExpiresAt - now)}` : 'gc ∞';
}

export function RequestList({ entries, selectedKey, onSelect, onCopyRequestId, now }: RequestListProps) {
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => entries[index]!.key,
  });

  const move = (delta: number) => {
    if (entries.length === 0) return;
    const index = entries.findIndex((entry) => entry.key === selectedKey);
    const next = Math.min(entries.length - 1, Math.max(0, (index < 0 ? -1 : index) + delta));
    onSelect(entries[next]!.key);
    virtualizer.scrollToIndex(next);
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLButtonElement>(`[data-index="${next}"] .fkd-row-main`)?.focus();
    });
  };

  if (entries.length === 0) return <p className="fkd-empty">No requests match.</p>;

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section ref={scrollRef} className="fkd-scroll" tabIndex={0} aria-label="Requests">
      <ul className="fkd-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          const times = entryTimes(entry, now);
          const gc = gcLeft(entry, now);
          const selected = entry.key === selectedKey;
          return (
            <li
              key={item.key}
              data-index={item.index}
              className="fkd-row"
              aria-current={selected ? 'true' : undefined}
              aria-setsize={entries.length}
              aria-posinset={item.index + 1}
              style={{ top: item.start, height: ROW_HEIGHT }}
            >
              <button
                type="button"
                className="fkd-row-main"
                onClick={() => onSelect(entry.key)}
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                    event.preventDefault();
                    move(event.key === 'ArrowDown' ? 1 : -1);
                  }
                }}
              >
                <span className="fkd-endpoint">
                  {entry.endpointId ?? entry.kind}
                  {entry.kind !== 'queue' ? <span className="fkd-meta"> · {entry.kind}</span> : null}
                </span>
                <StatusBadge status={entry.status} />
                <span className="fkd-meta">
                  {entry.requestId ? `${entry.requestId.slice(0, 8)} · ` : ''}
                  queued {formatDuration(times.queued)} · running {formatDuration(times.running)} · total{' '}
                  {formatDuration(times.total)}
                  {entry.attempts > 0 ? ` · ${entry.attempts} retries` : ''}
                  {entry.observers !== undefined ? ` · ${entry.observers} obs` : ''}
                  {gc ? ` · ${gc}` : ''}
                </span>
                <QueueChart points={entry.queueHistory} />
              </button>
              {entry.requestId ? (
                <button
                  type="button"
                  aria-label={`Copy request id ${entry.requestId}`}
                  title="Copy request id"
                  onClick={() => onCopyRequestId(entry.requestId!)}
                >
                  <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                    <rect x="3.5" y="0.5" width="8" height="8" rx="1" fill="none" stroke="currentColor" />
                    <rect x="0.5" y="3.5" width="8" height="8" rx="1" fill="none" stroke="currentColor" />
                  </svg>
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
