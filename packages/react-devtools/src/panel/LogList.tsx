/** The store's log lines (already deduplicated and bounded by the store), virtualised, by level. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { DevtoolsLog } from '../devtoolsEntry';

const ROW_HEIGHT = 18;

/** Lower-cased messages per log array, made on the first filter and reused by every keystroke after. */
const loweredLogs = new WeakMap<readonly DevtoolsLog[], string[]>();

function lowered(logs: readonly DevtoolsLog[]): string[] {
  let messages = loweredLogs.get(logs);
  if (!messages) {
    messages = logs.map((log) => log.message.toLowerCase());
    loweredLogs.set(logs, messages);
  }
  return messages;
}

export function LogList({ logs }: { logs: readonly DevtoolsLog[] }) {
  const scrollRef = useRef<HTMLElement>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => {
    const needle = deferredQuery.trim().toLowerCase();
    if (!needle) return logs;
    const messages = lowered(logs);
    return logs.filter((_, index) => messages[index]!.includes(needle));
  }, [logs, deferredQuery]);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  return (
    <>
      <div className="fkd-filters">
        <input
          type="search"
          aria-label="Filter logs"
          placeholder="Filter logs"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="fkd-count" aria-live="polite">
          {shown.length === logs.length ? `${logs.length} lines` : `${shown.length} of ${logs.length} lines`}
        </span>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
      <section ref={scrollRef} className="fkd-scroll fkd-logs" tabIndex={0} aria-label="Log lines">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const log = shown[item.index]!;
            return (
              <div
                key={item.key}
                className="fkd-log-row"
                data-level={log.level}
                style={{ top: item.start, height: ROW_HEIGHT }}
              >
                {log.timestamp ? <span className="fkd-log-time">{log.timestamp}</span> : null}
                {log.level ? `[${log.level}] ` : ''}
                {log.message}
              </div>
            );
          })}
        </div>
      </section>
    </>
  );
}
