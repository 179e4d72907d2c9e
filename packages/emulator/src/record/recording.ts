/**
 * Cassettes: what record mode writes and replay mode serves. One recording per request intent
 * (a queue submit, a direct run or a stream) holds the input, every status change with its time,
 * the streamed events, the result, and the URLs of the output files kept next to it.
 * URLs are stored in their real form (`https://{host}/…`), so a cassette does not depend on the
 * origin it was recorded through.
 */
import type { LogEntry } from '../queue/job.js';

export type RecordingMode = 'queue' | 'run' | 'stream';

/** One status change of a queued request, `at` ms after the submit. */
export interface RecordedStatus {
  at: number;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  queue_position?: number;
  /** Only the log lines that are new since the previous status. */
  logs: LogEntry[];
  metrics?: unknown;
  error?: string;
  error_type?: string;
}

/** One streamed `data:` event, `at` ms after the request. */
export interface RecordedEvent {
  at: number;
  data: unknown;
}

export interface RecordedResult {
  /** ms after the submit or request. */
  at: number;
  status: number;
  contentType: string;
  body: unknown;
}

export interface RecordedFile {
  /** Path of the bytes inside the cassette, e.g. `files/v3.fal.media/files/ab12/out.png`. */
  path: string;
  contentType: string;
  size: number;
}

export interface Recording {
  /** Format version of this file. */
  version: 1;
  /** The full endpoint id, e.g. `fal-ai/flux/dev`. */
  endpoint: string;
  mode: RecordingMode;
  /** Hash of mode, endpoint and the canonical input: what replay matches requests on. */
  key: string;
  /** The input, after redaction. */
  input: unknown;
  recordedAt: string;
  /** Queue mode: the submit's `queue_position`. */
  submitPosition?: number;
  /** Queue mode: every status change. */
  statuses?: RecordedStatus[];
  /** Stream mode: every event (the last one is the result). */
  events?: RecordedEvent[];
  result: RecordedResult;
  /** Output files by real URL. */
  files: Record<string, RecordedFile>;
}

/** A cassette in memory: what replay serves (load one from disk with `loadCassette`). */
export interface Cassette {
  recordings: Recording[];
  /** File bytes by real URL (`https://v3.fal.media/files/…`). */
  files: Map<string, { bytes: Uint8Array; contentType: string }>;
}

/** Hosts whose URLs are fal's: requests to them are forwarded, and their URLs rewritten. */
export const FAL_HOST_PATTERN =
  /^(?:[a-z0-9-]+\.)*(?:fal\.run|fal\.ai|fal\.media|falrun\.com)$|^storage\.googleapis\.com$/;

/** Hosts that serve output and uploaded files. */
export function isFileHost(host: string): boolean {
  return /(?:^|\.)fal\.media$/.test(host) || host === 'storage.googleapis.com';
}

/** `https://{fal host}/…` URLs in a string. */
const REAL_URL = /https:\/\/([a-z0-9.-]+)(\/[^\s"'<>\\]*)?/g;

/** Replaces every real fal URL in `text` (`https://{host}/…`) with `{origin}/{host}/…`. */
export function realToOrigin(text: string, origin: string): string {
  return text.replace(REAL_URL, (url, host: string, path = '') =>
    FAL_HOST_PATTERN.test(host) ? `${origin}/${host}${path}` : url,
  );
}

/** Replaces `{origin}/{host}/…` with `https://{host}/…` for fal hosts. */
export function originToReal(text: string, origin: string): string {
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${escaped}/([a-z0-9.-]+)`, 'g'), (url, host: string) =>
    FAL_HOST_PATTERN.test(host) ? `https://${host}` : url,
  );
}

/** Maps every string in a JSON value. */
export function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
}

/** Real file URLs (on fal's file hosts) anywhere in a JSON value. */
export function fileUrlsIn(value: unknown): string[] {
  const found = new Set<string>();
  mapStrings(value, (text) => {
    for (const match of text.matchAll(REAL_URL)) {
      if (isFileHost(match[1]!) && match[2]) found.add(match[0]);
    }
    return text;
  });
  return [...found];
}

/**
 * A file URL in an input (an upload, which gets a new random id on every run) stands for its file
 * name, so the same upload matches its recording. Recognises both URL forms.
 */
function canonicalString(text: string): string {
  const match = /^(?:https:\/\/|[a-z]+:\/\/[^/]+\/)([a-z0-9.-]+)\/(?:.*\/)?files\/.+\/([^/]+)$/.exec(text);
  return match && isFileHost(match[1]!) ? `fal-file:${match[2]}` : text;
}

function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(canonicalString(value));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The key replay matches on: SHA-256 of mode, endpoint and the canonical input (key order ignored). */
export async function recordingKey(mode: RecordingMode, endpoint: string, input: unknown): Promise<string> {
  const text = `${mode} ${endpoint} ${canonicalJson(input)}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Where a recording lives in the cassette: `requests/{endpoint}/{mode}-{key prefix}.json`. */
export function recordingPath(recording: Pick<Recording, 'endpoint' | 'mode' | 'key'>): string {
  const endpoint = recording.endpoint
    .split('/')
    .map((segment) => segment.replace(/[^\w.-]/g, '_'))
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .join('/');
  return `requests/${endpoint}/${recording.mode}-${recording.key.slice(0, 16)}.json`;
}

/** Where a file's bytes live in the cassette: `files/{host}/{path}`, with unsafe segments replaced. */
export function filePath(realUrl: string): string {
  const url = new URL(realUrl);
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment === '.' || segment === '..' ? '_' : segment.replace(/[^\w.%-]/g, '_')));
  return ['files', url.host.replace(/[^\w.-]/g, '_'), ...segments].join('/');
}
