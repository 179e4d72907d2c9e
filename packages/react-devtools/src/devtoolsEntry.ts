/**
 * What the panel shows about one request, upload, stream or realtime session of a `FalStore`: a
 * plain, read-only view built by the store adapter (`storeAdapter.ts`), so the panel never reads
 * the store itself.
 */
import type { ObserverStatus, RealtimeStatus } from '@falkit/core/observers';

export type DevtoolsEntryKind = 'queue' | 'run' | 'stream' | 'upload' | 'realtime';

/** A queue position and when it was seen (ms since the epoch). */
export interface QueuePoint {
  at: number;
  position: number;
}

export interface DevtoolsLog {
  message: string;
  level?: string;
  timestamp?: string;
}

export interface DevtoolsEntry {
  /** The store's key (unique). */
  key: string;
  kind: DevtoolsEntryKind;
  endpointId: string | undefined;
  /** The hooks' status (a realtime session reports its connection state instead). */
  status: ObserverStatus | RealtimeStatus;
  requestId: string | undefined;
  input: unknown;
  output: unknown;
  error: Error | undefined;
  /** The store's log lines, as the hooks see them. */
  logs: readonly DevtoolsLog[];
  submittedAt: number | undefined;
  startedAt: number | undefined;
  completedAt: number | undefined;
  /** Every queue position seen while the devtools were mounted, oldest first. */
  queueHistory: readonly QueuePoint[];
  attempts: number;
  lastRetryReason: string | undefined;
  /** Observers (hooks, components) following it; `undefined` when the store does not say. */
  observers: number | undefined;
  /** When the store forgets it (ms since the epoch); `undefined` while it is kept. */
  gcExpiresAt: number | undefined;
  /** Request options that changed what was sent (logs, priority, timeout, ...). */
  options: Readonly<Record<string, unknown>> | undefined;
  stream?: { eventCount: number; lastEvents: readonly unknown[] };
  upload?: { loaded: number; total: number; files: number; bytesPerSecond: number | undefined };
  realtime?: { resultCount: number; messagesPerSecond: number | undefined };
}

/** Where the panel reads entries and sends actions: the store adapter, or static data in stories. */
export interface DevtoolsSource {
  /** The entries, newest first; the same array until something changes. */
  getEntries(): readonly DevtoolsEntry[];
  subscribe(onChange: () => void): () => void;
  /**
   * Cancel the job on the server. It is listed as `cancelled` while something observes it; the store
   * forgets an unobserved cancelled request at once, so it then leaves the list.
   */
  cancel(key: string): Promise<void>;
  /** Forget it (an unfinished job is cancelled). */
  remove(key: string): void;
  /** Submit the same endpoint, input and options again, as a new request. */
  resubmit(key: string): Promise<void>;
}
