/**
 * The one file check before uploading: type (`accept`), size and count, with react-dropzone's
 * rejection codes. `UploadObserver` / `useUpload` and `useFalDropZone` / `<FalDropZone>` all use it.
 */
import { FalError } from '../errors/falError';

export type UploadRejectionCode =
  | 'file-invalid-type'
  | 'file-too-large'
  | 'file-too-small'
  | 'too-many-files';

/** One refused file: why (`code`) and a sentence for people that names the file (`message`). */
export interface UploadRejection<F extends Blob = Blob> {
  file: F;
  code: UploadRejectionCode;
  message: string;
}

/**
 * MIME types (`image/png`), wildcards (`image/*`), extensions (`.png`), a comma-separated string of
 * those, or react-dropzone's `{ 'image/*': ['.png', '.jpg'] }` map. A file is accepted when its type
 * or its name matches any entry: an extension entry matches names only, so `.wav` never admits
 * `setup.exe`, whatever type the browser gives it.
 */
export type UploadAccept = string | readonly string[] | Readonly<Record<string, readonly string[]>>;

export interface UploadRules {
  accept?: UploadAccept;
  /** Bytes. */
  maxSize?: number;
  /** Bytes. */
  minSize?: number;
  /** Most files per call: a call with more is refused whole (every file `too-many-files`). */
  maxFiles?: number;
}

/** Every file of an `upload()` call was rejected; `rejections` says why for each. */
export class UploadRejectedError extends FalError {
  readonly rejections: readonly UploadRejection[];

  constructor(rejections: readonly UploadRejection[]) {
    super(`No file accepted: ${rejections.map((r) => `${nameOf(r.file)} (${r.code})`).join(', ')}`);
    this.rejections = rejections;
  }
}

export function nameOf(file: Blob): string {
  return typeof (file as File).name === 'string' && (file as File).name ? (file as File).name : 'blob';
}

function acceptPatterns(accept: UploadAccept): string[] {
  if (typeof accept === 'string') return accept.split(',');
  if (Array.isArray(accept)) return [...(accept as readonly string[])];
  return Object.entries(accept as Record<string, readonly string[]>).flatMap(([mime, extensions]) => [
    mime,
    ...extensions,
  ]);
}

/** `accept` as the `accept` attribute of a file `<input>` (`'audio/wav,.wav'`), for the file picker. */
export function acceptAttribute(accept: UploadAccept | undefined): string | undefined {
  if (accept === undefined) return undefined;
  const patterns = acceptPatterns(accept)
    .map((pattern) => pattern.trim())
    .filter(Boolean);
  return patterns.length > 0 ? patterns.join(',') : undefined;
}

export function isAccepted(file: Blob, accept: UploadAccept | undefined): boolean {
  if (accept === undefined) return true;
  const patterns = acceptPatterns(accept)
    .map((pattern) => pattern.trim().toLowerCase())
    .filter(Boolean);
  if (patterns.length === 0) return true;
  const type = (file.type || '').toLowerCase();
  const name = nameOf(file).toLowerCase();
  return patterns.some((pattern) => {
    if (pattern.startsWith('.')) return name.endsWith(pattern);
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    return type === pattern;
  });
}

/** `512 B`, `1.5 KB`, `20.0 MB`: the byte sizes falkit shows (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** Why `file` breaks a per-file rule (type, then size), or `undefined` when it passes them. */
function checkFile<F extends Blob>(file: F, rules: UploadRules): UploadRejection<F> | undefined {
  const name = nameOf(file);
  if (!isAccepted(file, rules.accept)) {
    return {
      file,
      code: 'file-invalid-type',
      message: `${name}: file type ${file.type || 'unknown'} is not accepted`,
    };
  }
  if (rules.maxSize !== undefined && file.size > rules.maxSize) {
    return { file, code: 'file-too-large', message: `${name} is larger than ${formatBytes(rules.maxSize)}` };
  }
  if (rules.minSize !== undefined && file.size < rules.minSize) {
    return { file, code: 'file-too-small', message: `${name} is smaller than ${formatBytes(rules.minSize)}` };
  }
  return undefined;
}

/**
 * Splits `files` into accepted and rejected, in order. More than `maxFiles` files: all are refused
 * with `too-many-files` (nothing is half-uploaded). Otherwise each file is checked for type, then size.
 */
export function validateFiles<F extends Blob>(
  files: readonly F[],
  rules: UploadRules,
): { accepted: F[]; rejected: UploadRejection<F>[] } {
  if (rules.maxFiles !== undefined && files.length > rules.maxFiles) {
    const message = `at most ${rules.maxFiles} file(s) at once`;
    const rejected = files.map((file) => ({
      file,
      code: 'too-many-files' as const,
      message: `${nameOf(file)}: ${message}`,
    }));
    return { accepted: [], rejected };
  }
  const accepted: F[] = [];
  const rejected: UploadRejection<F>[] = [];
  for (const file of files) {
    const rejection = checkFile(file, rules);
    if (rejection) rejected.push(rejection);
    else accepted.push(file);
  }
  return { accepted, rejected };
}
