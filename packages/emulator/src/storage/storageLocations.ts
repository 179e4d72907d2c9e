/**
 * Where files of each fal storage type live. A location is a host plus an optional bucket prefix;
 * files are served at `{origin}/{host}{basePath}/files/{id}/{name}`.
 */
export type StorageType = 'fal-cdn-v3' | 'fal-cdn' | 'gcs';

export interface StorageLocation {
  host: string;
  basePath: string;
  /** Whether the PY CDN token flow (`/files/upload`, `/files/upload/multipart`) runs on this host. */
  acceptsCdnTokens: boolean;
}

export const STORAGE_TYPES: readonly StorageType[] = ['fal-cdn-v3', 'fal-cdn', 'gcs'];

const V3_CDN: StorageLocation = { host: 'v3.fal.media', basePath: '', acceptsCdnTokens: true };

const LOCATIONS: Record<StorageType, StorageLocation> = {
  'fal-cdn-v3': V3_CDN,
  'fal-cdn': { host: 'fal.media', basePath: '', acceptsCdnTokens: false },
  gcs: { host: 'storage.googleapis.com', basePath: '/falkit-emulator', acceptsCdnTokens: false },
};

/** The default location for files the emulator itself creates (model outputs). */
export const DEFAULT_LOCATION = V3_CDN;

export const REST_HOSTS: ReadonlySet<string> = new Set(['rest.fal.ai', 'rest.alpha.fal.ai']);

export function locationFor(type: StorageType): StorageLocation {
  return LOCATIONS[type];
}

export function isStorageType(value: string): value is StorageType {
  return (STORAGE_TYPES as readonly string[]).includes(value);
}

/** Finds the location serving `host` + `path`, and the path relative to its base. */
export function matchLocation(
  host: string,
  path: string,
): { location: StorageLocation; rest: string } | undefined {
  for (const location of Object.values(LOCATIONS)) {
    if (location.host !== host) continue;
    if (location.basePath === '') return { location, rest: path };
    if (path === location.basePath || path.startsWith(`${location.basePath}/`)) {
      return { location, rest: path.slice(location.basePath.length) || '/' };
    }
    // The host is ours even when the path is outside the bucket: answer 404 ourselves.
    return { location, rest: path };
  }
  return undefined;
}

export function locationUrl(origin: string, location: StorageLocation): string {
  return `${trimOrigin(origin)}/${location.host}${location.basePath}`;
}

export function fileUrl(origin: string, location: StorageLocation, id: string, fileName: string): string {
  return `${locationUrl(origin, location)}/files/${id}/${encodeURIComponent(fileName)}`;
}

export function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, '');
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'application/json': 'json',
  'text/plain': 'txt',
};

/** A safe single-segment file name: the basename of `requested`, or `{fallbackStem}.{ext}`. */
export function sanitizeFileName(
  requested: string | undefined | null,
  contentType: string,
  fallbackStem = 'upload',
): string {
  const base = (requested ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  // Control characters would corrupt URLs and headers; drop them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '');
  if (cleaned !== '' && cleaned !== '.' && cleaned !== '..') return cleaned;
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return `${fallbackStem}.${EXTENSIONS[mime] ?? 'bin'}`;
}
