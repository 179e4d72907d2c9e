/**
 * The one module that reads a `FalStore`: it turns the store's requests and activities into
 * `DevtoolsEntry` views and sends the panel's actions back. Facts the store does not keep (queue
 * position history, message and upload rates) are derived here from the store's events.
 */
import { useFalStore } from '@falkit/react';
import type {
  FalActivity,
  FalRequest,
  FalStore,
  FalStoreEntry,
  ObservedClient,
} from '@falkit/core/observers';
import type { DevtoolsEntry, DevtoolsEntryKind, DevtoolsSource, QueuePoint } from './devtoolsEntry';

/** The store the devtools show (any client). */
export type DevtoolsStore = FalStore<ObservedClient>;

function isRequest(entry: FalStoreEntry): entry is FalRequest<unknown> {
  return entry.kind === 'queue' || entry.kind === 'run';
}

// --- what the adapter derives ---

/** Samples older than this do not count towards a rate. */
const RATE_WINDOW_MS = 5_000;
/** The longest queue-position history kept per request. */
const MAX_QUEUE_POINTS = 200;

interface Derived {
  queueHistory: QueuePoint[];
  /** (time, counter) samples for message rate / upload throughput. */
  samples: Array<{ at: number; value: number }>;
  view: DevtoolsEntry | undefined;
  source: FalStoreEntry | undefined;
}

function rateOf(samples: Array<{ at: number; value: number }>): number | undefined {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at === first.at) return undefined;
  return ((last.value - first.value) * 1000) / (last.at - first.at);
}

function record(samples: Array<{ at: number; value: number }>, at: number, value: number): void {
  if (samples.at(-1)?.value === value) return;
  samples.push({ at, value });
  while (samples.length > 2 && samples[0]!.at < at - RATE_WINDOW_MS) samples.shift();
}

export interface StoreSourceOptions {
  /** Clock (ms since the epoch); tests pass a fake one. */
  now?: () => number;
  /** Change notifications are coalesced to at most one per this many ms (default 50). */
  notifyIntervalMs?: number;
}

/**
 * A `DevtoolsSource` over `store`. It listens from creation on (so queue history starts when the
 * devtools mount, not when the panel opens); `dispose()` stops listening.
 */
export function createStoreSource(
  store: DevtoolsStore,
  options: StoreSourceOptions = {},
): DevtoolsSource & { dispose(): void } {
  const now = options.now ?? Date.now;
  const notifyIntervalMs = options.notifyIntervalMs ?? 50;
  const derived = new Map<string, Derived>();
  const listeners = new Set<() => void>();
  let entries: readonly DevtoolsEntry[] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const derivedOf = (key: string): Derived => {
    let found = derived.get(key);
    if (!found) {
      found = { queueHistory: [], samples: [], view: undefined, source: undefined };
      derived.set(key, found);
    }
    return found;
  };

  const observe = (entry: FalStoreEntry): void => {
    const facts = derivedOf(entry.key);
    const at = now();
    if (isRequest(entry)) {
      const position = entry.state.queuePosition;
      if (position !== undefined && facts.queueHistory.at(-1)?.position !== position) {
        facts.queueHistory.push({ at, position });
        if (facts.queueHistory.length > MAX_QUEUE_POINTS) facts.queueHistory.shift();
      }
    } else {
      const snapshot = entry.getSnapshot() as { resultCount?: number; progress?: { loaded: number } };
      if (entry.kind === 'realtime') record(facts.samples, at, snapshot.resultCount ?? 0);
      if (entry.kind === 'upload') record(facts.samples, at, snapshot.progress?.loaded ?? 0);
    }
    // The view is rebuilt lazily; unchanged entries keep their object (cheap re-renders).
    facts.view = undefined;
  };

  const notify = (): void => {
    entries = undefined;
    if (timer !== undefined || listeners.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      for (const listener of [...listeners]) listener();
    }, notifyIntervalMs);
  };

  for (const entry of store.getAll()) observe(entry);
  const unsubscribe = store.subscribe(({ type, entry }) => {
    if (type === 'removed') derived.delete(entry.key);
    else observe(entry);
    notify();
  });

  const toView = (entry: FalStoreEntry): DevtoolsEntry => {
    const facts = derivedOf(entry.key);
    if (facts.view && facts.source === entry) return facts.view;
    facts.source = entry;
    facts.view = isRequest(entry) ? requestView(entry, facts) : activityView(entry, facts);
    return facts.view;
  };

  const findRequest = (key: string): FalRequest<unknown> | undefined => store.getRequest(key);

  return {
    getEntries() {
      if (!entries) entries = store.getAll().map(toView).reverse();
      return entries;
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
        // Nobody left to notify: no timer may outlive the last listener.
        if (listeners.size === 0 && timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
    cancel: (key) => store.cancel(key),
    remove: (key) => store.remove(key),
    async resubmit(key) {
      const request = findRequest(key);
      if (!request) return;
      // A new submit (`refetch`), kept for the store's gcTime; its outcome is shown in the list.
      await store
        .fetch(request.endpointId, request.input, { ...request.options, kind: request.kind, refetch: true })
        .catch(() => {});
    },
    dispose() {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      listeners.clear();
    },
  };
}

function requestView(request: FalRequest<unknown>, facts: Derived): DevtoolsEntry {
  const { state } = request;
  return {
    key: request.key,
    kind: request.kind,
    endpointId: request.endpointId,
    status: state.status,
    requestId: state.requestId,
    input: request.input,
    output: state.data,
    error: state.error,
    logs: state.logs,
    submittedAt: state.submittedAt,
    startedAt: state.startedAt,
    completedAt: state.completedAt,
    queueHistory: [...facts.queueHistory],
    attempts: state.attempts,
    lastRetryReason: state.lastRetryReason,
    observers: request.observerCount,
    gcExpiresAt: request.gcExpiresAt,
    options: request.options as Record<string, unknown>,
  };
}

interface ActivitySnapshot {
  data?: unknown;
  error?: Error;
  requestId?: string;
  startedAt?: number;
  completedAt?: number;
  events?: readonly unknown[];
  eventCount?: number;
  resultCount?: number;
  files?: readonly unknown[];
  urls?: readonly string[];
  progress?: { loaded: number; total: number };
}

function activityView(activity: FalActivity, facts: Derived): DevtoolsEntry {
  const snapshot = activity.getSnapshot() as ActivitySnapshot;
  const kind: DevtoolsEntryKind = activity.kind;
  const view: DevtoolsEntry = {
    key: activity.key,
    kind,
    endpointId: activity.endpointId,
    status: activity.status as DevtoolsEntry['status'],
    requestId: snapshot.requestId,
    input: activity.input,
    output: kind === 'upload' ? snapshot.urls : snapshot.data,
    error: snapshot.error,
    logs: [],
    submittedAt: snapshot.startedAt,
    startedAt: snapshot.startedAt,
    completedAt: snapshot.completedAt,
    queueHistory: [],
    attempts: 0,
    lastRetryReason: undefined,
    observers: undefined,
    gcExpiresAt: undefined,
    options: undefined,
  };
  if (kind === 'stream') {
    view.stream = { eventCount: snapshot.eventCount ?? 0, lastEvents: snapshot.events ?? [] };
  } else if (kind === 'upload') {
    view.upload = {
      loaded: snapshot.progress?.loaded ?? 0,
      total: snapshot.progress?.total ?? 0,
      files: snapshot.files?.length ?? 0,
      bytesPerSecond: rateOf(facts.samples),
    };
  } else {
    view.realtime = { resultCount: snapshot.resultCount ?? 0, messagesPerSecond: rateOf(facts.samples) };
  }
  return view;
}

/** The store to show: `store` when given, else the nearest `<FalProvider>`'s (the hooks' store). */
export function useDevtoolsStore(store: DevtoolsStore | undefined): DevtoolsStore {
  const provided = useFalStore();
  return store ?? provided;
}
