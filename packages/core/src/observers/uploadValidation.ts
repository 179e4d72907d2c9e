/**
 * Checks files before uploading: type (`accept`), size and count, with react-dropzone's rejection
 * codes so both layers report the same thing.
 */
import { FalError } from '../errors/falError';

export type UploadRejectionCode =
  | 'file-invalid-type'
  | 'file-too-large'
  | 'file-too-small'
  | 'too-many-files';

export interface UploadRejection {
  file: Blob;
  code: UploadRejectionCode;
  message: string;
}

/**
 * MIME types (`image/png`), wildcards (`image/*`), extensions (`.png`), a comma-separated string of
 * those, or react-dropzone's `{ 'image/*': ['.png', '.jpg'] }` map.
 */
export type UploadAccept = string | readonly string[] | Readonly<Record<string, readonly string[]>>;

export interface UploadRules {
  accept?: UploadAccept;
  /** Bytes. */
  maxSize?: number;
  /** Bytes. */
  minSize?: number;
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

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export function validateFiles(
  files: readonly Blob[],
  rules: UploadRules,
): { accepted: Blob[]; rejected: UploadRejection[] } {
  const rejected: UploadRejection[] = [];
  if (rules.maxFiles !== undefined && files.length > rules.maxFiles) {
    for (const file of files) {
      rejected.push({ file, code: 'too-many-files', message: `At most ${rules.maxFiles} file(s) allowed` });
    }
    return { accepted: [], rejected };
  }
  const accepted: Blob[] = [];
  for (const file of files) {
    if (!isAccepted(file, rules.accept)) {
      rejected.push({
        file,
        code: 'file-invalid-type',
        message: `${nameOf(file)}: file type ${file.type || 'unknown'} is not accepted`,
      });
    } else if (rules.maxSize !== undefined && file.size > rules.maxSize) {
      rejected.push({
        file,
        code: 'file-too-large',
        message: `${nameOf(file)} is larger than ${formatBytes(rules.maxSize)}`,
      });
    } else if (rules.minSize !== undefined && file.size < rules.minSize) {
      rejected.push({
        file,
        code: 'file-too-small',
        message: `${nameOf(file)} is smaller than ${formatBytes(rules.minSize)}`,
      });
    } else {
      accepted.push(file);
    }
  }
  return { accepted, rejected };
}
