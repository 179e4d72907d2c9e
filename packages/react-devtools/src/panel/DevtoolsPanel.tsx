/**
 * The devtools drawer (loaded on first open): a resizable bottom panel with the request list, the
 * selected request's details and, with an emulator, the Emulator tab.
 */
import {
  type KeyboardEvent,
  type PointerEvent,
  useDeferredValue,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { DevtoolsSource } from '../devtoolsEntry';
import { copyText } from './clipboard';
import { EmulatorTab } from './EmulatorTab';
import { panelCss } from './panelStyles';
import { RequestDetail } from './RequestDetail';
import { RequestList } from './RequestList';
import { useNow } from './useNow';

export interface DevtoolsPanelProps {
  source: DevtoolsSource;
  onClose(): void;
  emulatorUrl?: string;
}

const MIN_HEIGHT = 160;
const RESIZE_STEP = 24;

function clampHeight(height: number): number {
  const max = typeof window === 'undefined' ? 2000 : window.innerHeight * 0.95;
  return Math.round(Math.min(max, Math.max(MIN_HEIGHT, height)));
}

export default function DevtoolsPanel({ source, onClose, emulatorUrl }: DevtoolsPanelProps) {
  const entries = useSyncExternalStore(source.subscribe, source.getEntries, source.getEntries);
  const now = useNow();
  const [height, setHeight] = useState(() => clampHeight(360));
  const [tab, setTab] = useState<'requests' | 'emulator'>('requests');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [selectedKey, setSelectedKey] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const deferredSearch = useDeferredValue(search);

  // Filter choices come from what is listed: the status words are the store's own, never a copy here.
  const statuses = useMemo(() => [...new Set(entries.map((entry) => entry.status))].sort(), [entries]);
  const kinds = useMemo(() => [...new Set(entries.map((entry) => entry.kind))].sort(), [entries]);
  const shown = useMemo(() => {
    const needle = deferredSearch.trim().toLowerCase();
    return entries.filter(
      (entry) =>
        (!status || entry.status === status) &&
        (!kind || entry.kind === kind) &&
        (!needle ||
          (entry.endpointId ?? '').toLowerCase().includes(needle) ||
          (entry.requestId ?? '').toLowerCase().includes(needle)),
    );
  }, [entries, deferredSearch, status, kind]);
  const selected = entries.find((entry) => entry.key === selectedKey);

  const copy = (text: string, what: string) => {
    void copyText(text, what).then(setAnnouncement);
  };

  const onResizeKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowUp') setHeight((value) => clampHeight(value + RESIZE_STEP));
    else if (event.key === 'ArrowDown') setHeight((value) => clampHeight(value - RESIZE_STEP));
    else return;
    event.preventDefault();
  };

  const onResizeStart = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startY = event.clientY;
    const startHeight = height;
    const onMove = (move: globalThis.PointerEvent) =>
      setHeight(clampHeight(startHeight + startY - move.clientY));
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
  };

  return (
    <section
      id="fkd-panel"
      className="fkd-panel"
      aria-label="falkit devtools"
      style={{ height }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <style>{panelCss}</style>
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable splitter has no native element. */}
      <div
        className="fkd-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize devtools"
        aria-valuenow={height}
        aria-valuemin={MIN_HEIGHT}
        aria-valuemax={clampHeight(Number.POSITIVE_INFINITY)}
        tabIndex={0}
        onKeyDown={onResizeKey}
        onPointerDown={onResizeStart}
      />
      <header className="fkd-header">
        <h1 className="fkd-title">falkit devtools</h1>
        <div className="fkd-tabs" role="tablist" aria-label="Views">
          <button
            type="button"
            role="tab"
            id="fkd-tab-requests"
            aria-selected={tab === 'requests'}
            aria-controls="fkd-tabpanel"
            onClick={() => setTab('requests')}
          >
            Requests ({entries.length})
          </button>
          {emulatorUrl ? (
            <button
              type="button"
              role="tab"
              id="fkd-tab-emulator"
              aria-selected={tab === 'emulator'}
              aria-controls="fkd-tabpanel"
              onClick={() => setTab('emulator')}
            >
              Emulator
            </button>
          ) : null}
        </div>
        <p className="fkd-sr" role="status">
          {announcement}
        </p>
        <button type="button" onClick={onClose} aria-label="Close devtools">
          ✕
        </button>
      </header>
      <div
        className="fkd-body"
        role="tabpanel"
        id="fkd-tabpanel"
        aria-labelledby={tab === 'emulator' ? 'fkd-tab-emulator' : 'fkd-tab-requests'}
      >
        {tab === 'emulator' && emulatorUrl ? (
          <EmulatorTab origin={emulatorUrl} announce={setAnnouncement} />
        ) : (
          <>
            <div className="fkd-list-pane">
              <div className="fkd-filters">
                <input
                  type="search"
                  aria-label="Search endpoint or request id"
                  placeholder="Search endpoint or request id"
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                />
                <select
                  aria-label="Status"
                  value={status}
                  onChange={(event) => setStatus(event.target.value)}
                >
                  <option value="">all statuses</option>
                  {statuses.map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </select>
                <select aria-label="Kind" value={kind} onChange={(event) => setKind(event.target.value)}>
                  <option value="">all kinds</option>
                  {kinds.map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </select>
                <span className="fkd-count">
                  {shown.length === entries.length
                    ? `${entries.length}`
                    : `${shown.length} of ${entries.length}`}
                </span>
              </div>
              <RequestList
                entries={shown}
                selectedKey={selectedKey}
                onSelect={setSelectedKey}
                onCopyRequestId={(requestId) => copy(requestId, 'request id')}
                now={now}
              />
            </div>
            {selected ? (
              <RequestDetail
                entry={selected}
                source={source}
                now={now}
                emulatorUrl={emulatorUrl}
                announce={setAnnouncement}
                copy={copy}
              />
            ) : (
              <p className="fkd-empty">Select a request to see its input, output, logs and actions.</p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
