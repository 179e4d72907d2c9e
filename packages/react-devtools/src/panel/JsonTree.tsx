/** A collapsible, virtualised JSON tree; data and file URLs of images and audio are previewed. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { flattenJson, initiallyExpanded, type JsonRow, mediaKind } from './jsonRows';

const ROW_HEIGHT = 20;
const MEDIA_ROW_HEIGHT = 56;
/** Longest string shown in a row (a 5 MB data URL would otherwise be laid out in full). */
const MAX_STRING = 160;

function Leaf({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    const shown =
      value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
    return <span className="fkd-str">"{shown}"</span>;
  }
  if (typeof value === 'number' || typeof value === 'boolean')
    return <span className="fkd-num">{String(value)}</span>;
  return <span className="fkd-meta">{value === null ? 'null' : String(value)}</span>;
}

function Media({ row }: { row: JsonRow }) {
  const kind = mediaKind(row.value);
  const src = row.value as string;
  const name = row.label ?? 'value';
  if (kind === 'image')
    return <img className="fkd-media" src={src} alt={`Preview of ${name}`} loading="lazy" />;
  if (kind === 'audio')
    // biome-ignore lint/a11y/useMediaCaption: generated media has no caption track.
    return <audio className="fkd-media" src={src} controls preload="none" aria-label={`Play ${name}`} />;
  if (kind === 'video')
    return (
      <video className="fkd-media" src={src} controls muted preload="none" aria-label={`Play ${name}`} />
    );
  return null;
}

export function JsonTree({ value, label }: { value: unknown; label: string }) {
  const scrollRef = useRef<HTMLElement>(null);
  const [expanded, setExpanded] = useState(() => initiallyExpanded(value));
  const rows = useMemo(() => flattenJson(value, expanded), [value, expanded]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (mediaKind(rows[index]!.value) ? MEDIA_ROW_HEIGHT : ROW_HEIGHT),
    overscan: 10,
    getItemKey: (index) => rows[index]!.path,
  });

  const toggle = (path: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(path)) next.add(path);
      return next;
    });

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section ref={scrollRef} className="fkd-scroll fkd-tree" tabIndex={0} aria-label={label}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const isMedia = mediaKind(row.value) !== undefined;
          return (
            <div
              key={item.key}
              className="fkd-tree-row"
              style={{ top: item.start, height: item.size, paddingLeft: 6 + row.depth * 14 }}
            >
              {row.size !== undefined ? (
                <button
                  type="button"
                  aria-expanded={row.expanded}
                  aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.label ?? label}`}
                  onClick={() => toggle(row.path)}
                >
                  {row.expanded ? '▾' : '▸'}
                </button>
              ) : null}
              {row.label !== undefined ? <span className="fkd-key">{row.label}: </span> : null}
              {row.size !== undefined ? (
                <span className="fkd-meta">
                  {Array.isArray(row.value) ? `Array(${row.size})` : `{${row.size} keys}`}
                </span>
              ) : (
                <Leaf value={row.value} />
              )}
              {isMedia ? (
                <>
                  {' '}
                  <Media row={row} />
                </>
              ) : null}
            </div>
          );
        })}
      </div>
    </section>
  );
}
