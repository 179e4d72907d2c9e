import { useMemo, useRef } from 'react';
import {
  type Accept,
  type DropEvent,
  type DropzoneInputProps,
  type DropzoneRootProps,
  type FileError,
  type FileRejection,
  useDropzone,
} from 'react-dropzone';

export type { Accept, DropzoneInputProps, DropzoneRootProps };

/** Why a file was refused. The first four come from react-dropzone's checks. */
export type FalFileRejectionCode =
  | 'file-invalid-type'
  | 'file-too-large'
  | 'file-too-small'
  | 'too-many-files'
  | 'validation-failed';

export interface FalFileError {
  code: FalFileRejectionCode;
  message: string;
}

export interface FalFileRejection {
  file: File;
  errors: readonly FalFileError[];
}

/**
 * A custom check, sync or async: return `null`/`undefined` to accept, or a message (or
 * `{ message }`) to refuse with code `validation-failed`. A thrown error refuses too.
 */
export type FalFileValidator = (
  file: File,
) =>
  | string
  | { message: string }
  | null
  | undefined
  | Promise<string | { message: string } | null | undefined>;

export interface UseFalDropZoneOptions {
  /** MIME types or extensions: `'image/*'`, `['image/png', '.wav']`, or react-dropzone's `Accept` map. */
  accept?: string | readonly string[] | Accept;
  /** Largest file in bytes. */
  maxSize?: number;
  minSize?: number;
  /** Most files per drop; files past the limit are refused with `too-many-files`. */
  maxFiles?: number;
  multiple?: boolean;
  disabled?: boolean;
  noClick?: boolean;
  noKeyboard?: boolean;
  /** Accept files pasted (Ctrl/Cmd+V) into the focused zone. Default true. */
  paste?: boolean;
  validator?: FalFileValidator;
  /** Every drop, paste or pick: the files that passed and those that did not. */
  onDrop?: (accepted: File[], rejections: FalFileRejection[], event: DropEvent | null) => void;
  onAccepted?: (files: File[]) => void;
  onRejected?: (rejections: FalFileRejection[]) => void;
}

export interface UseFalDropZoneResult {
  /** Spread on the drop target. Composes the handlers you pass: `getRootProps({ onClick })`. */
  getRootProps: <T extends DropzoneRootProps>(props?: T) => T;
  /** Spread on a hidden `<input>` inside the root; it keeps taking part in form validation. */
  getInputProps: <T extends DropzoneInputProps>(props?: T) => T;
  /** Opens the file dialog. */
  open: () => void;
  isDragActive: boolean;
  isDragAccept: boolean;
  isDragReject: boolean;
  isFocused: boolean;
  /** True while files are being read and (async) validated. */
  isProcessing: boolean;
  acceptedFiles: readonly File[];
  rejections: readonly FalFileRejection[];
}

const knownCodes: ReadonlySet<string> = new Set([
  'file-invalid-type',
  'file-too-large',
  'file-too-small',
  'too-many-files',
  'validation-failed',
]);

function toAccept(accept: UseFalDropZoneOptions['accept']): Accept | undefined {
  if (accept === undefined) return undefined;
  if (typeof accept === 'string' || Array.isArray(accept)) {
    const entries = typeof accept === 'string' ? [accept] : (accept as readonly string[]);
    const map: Record<string, string[]> = {};
    const extensions = entries.filter((entry) => entry.startsWith('.'));
    for (const entry of entries) if (!entry.startsWith('.')) map[entry] = [];
    // Bare extensions need a MIME key; any type with that extension is accepted.
    if (extensions.length > 0) map['application/octet-stream'] = extensions;
    return map;
  }
  return accept as Accept;
}

function toFileError(error: FileError): FalFileError {
  return {
    code: (knownCodes.has(error.code) ? error.code : 'validation-failed') as FalFileRejectionCode,
    message: error.message,
  };
}

export function toFalRejections(rejections: readonly FileRejection[]): FalFileRejection[] {
  return rejections.map((rejection) => ({ file: rejection.file, errors: rejection.errors.map(toFileError) }));
}

/**
 * A headless drop zone built on react-dropzone: prop getters, accept, size and count limits, an
 * async validator, typed rejections and paste. Pair it with `useUpload`, or use `<FalDropZone>`.
 */
export function useFalDropZone(options: UseFalDropZoneOptions = {}): UseFalDropZoneResult {
  const latest = useRef(options);
  latest.current = options;
  const accept = useMemo(() => toAccept(options.accept), [options.accept]);
  const validatorSet = options.validator !== undefined;

  const dropzone = useDropzone({
    accept,
    maxSize: options.maxSize,
    minSize: options.minSize,
    maxFiles: options.maxFiles,
    multiple: options.multiple ?? true,
    disabled: options.disabled,
    noClick: options.noClick,
    noKeyboard: options.noKeyboard,
    noPaste: options.paste === false,
    validator: validatorSet
      ? async (file: File) => {
          try {
            const verdict = await latest.current.validator?.(file);
            if (verdict === null || verdict === undefined) return null;
            const message = typeof verdict === 'string' ? verdict : verdict.message;
            return { code: 'validation-failed', message };
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            return { code: 'validation-failed', message };
          }
        }
      : undefined,
    onDrop: (accepted, rejected, event) => {
      const rejections = toFalRejections(rejected);
      latest.current.onDrop?.(accepted, rejections, event ?? null);
      if (accepted.length > 0) latest.current.onAccepted?.(accepted);
      if (rejections.length > 0) latest.current.onRejected?.(rejections);
    },
  });

  const rejections = useMemo(() => toFalRejections(dropzone.fileRejections), [dropzone.fileRejections]);

  return {
    getRootProps: dropzone.getRootProps,
    getInputProps: dropzone.getInputProps,
    open: dropzone.open,
    isDragActive: dropzone.isDragActive,
    isDragAccept: dropzone.isDragAccept,
    isDragReject: dropzone.isDragReject,
    isFocused: dropzone.isFocused,
    isProcessing: dropzone.isProcessing,
    acceptedFiles: dropzone.acceptedFiles,
    rejections,
  };
}
