import {
  acceptAttribute,
  type UploadAccept,
  type UploadRejection,
  type UploadRejectionCode,
  validateFiles,
} from '@falkit/core/observers';
import { useMemo, useRef, useState } from 'react';
import {
  type Accept,
  type DropEvent,
  type DropzoneInputProps,
  type DropzoneRootProps,
  type FileRejection,
  useDropzone,
} from 'react-dropzone';

export type { Accept, DropzoneInputProps, DropzoneRootProps };

/** Why a file was refused: core's rejection codes, plus `validation-failed` from your `validator`. */
export type FalFileRejectionCode = UploadRejectionCode | 'validation-failed';

/** A refused file, in core's one rejection shape (`UploadRejection`): `{ file, code, message }`. */
export interface FalFileRejection extends Omit<UploadRejection<File>, 'code'> {
  code: FalFileRejectionCode;
}

/**
 * A custom check, sync or async, run after core's rules pass: return `null`/`undefined` to accept,
 * or a message (or `{ message }`) to refuse with code `validation-failed` (the rejection's message
 * is `"{file name}: {your message}"`, like core's). A thrown error refuses too.
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
  /**
   * MIME types, wildcards or extensions (`'image/*'`, `['audio/wav', '.wav']`, or react-dropzone's
   * `{ 'image/*': ['.png'] }` map), checked by core's `validateFiles`: a file passes when its type
   * or its name matches an entry, so `.wav` admits `take.wav` and never `setup.exe`.
   */
  accept?: UploadAccept;
  /** Largest file in bytes. */
  maxSize?: number;
  minSize?: number;
  /** Most files per drop; a drop with more is refused whole (`too-many-files`). */
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
  /**
   * react-dropzone's drag-time verdict. A drag shows no file names, so falkit decides on drop (core's
   * rule) and these stay `false`: style the drag with `isDragActive`.
   */
  isDragAccept: boolean;
  isDragReject: boolean;
  isFocused: boolean;
  /** True while files are being read and (async) validated. */
  isProcessing: boolean;
  acceptedFiles: readonly File[];
  rejections: readonly FalFileRejection[];
}

const coreCodes: ReadonlySet<string> = new Set<UploadRejectionCode>([
  'file-invalid-type',
  'file-too-large',
  'file-too-small',
  'too-many-files',
]);

/** react-dropzone's rejection (our validator's verdict) in the one rejection shape. */
function toFalRejection(rejection: FileRejection): FalFileRejection {
  const error = rejection.errors[0];
  const code = error && coreCodes.has(error.code) ? (error.code as UploadRejectionCode) : 'validation-failed';
  return { file: rejection.file, code, message: error?.message ?? 'Refused' };
}

async function customVerdict(
  validator: FalFileValidator,
  file: File,
): Promise<{ code: 'validation-failed'; message: string } | null> {
  try {
    const verdict = await validator(file);
    if (verdict === null || verdict === undefined) return null;
    const message = typeof verdict === 'string' ? verdict : verdict.message;
    return { code: 'validation-failed', message: `${file.name}: ${message}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'validation-failed', message: `${file.name}: ${message}` };
  }
}

interface DropResult {
  accepted: readonly File[];
  rejections: readonly FalFileRejection[];
}

const NOTHING_DROPPED: DropResult = { accepted: [], rejections: [] };

/**
 * A headless drop zone: react-dropzone reads the files (drop, paste, picker) and runs your async
 * validator; core's `validateFiles` decides type, size and count, the same rule `useUpload` applies.
 * Prop getters, typed rejections and paste. Pair it with `useUpload`, or use `<FalDropZone>`.
 */
export function useFalDropZone(options: UseFalDropZoneOptions = {}): UseFalDropZoneResult {
  const latest = useRef(options);
  latest.current = options;
  const [result, setResult] = useState<DropResult>(NOTHING_DROPPED);
  const multiple = options.multiple ?? true;

  const dropzone = useDropzone({
    // No accept / size / count here: react-dropzone's own checks would be a second rule.
    multiple: true,
    disabled: options.disabled,
    noClick: options.noClick,
    noKeyboard: options.noKeyboard,
    noPaste: options.paste === false,
    validator: (file: File) => {
      const { accept, maxSize, minSize, validator } = latest.current;
      const rejection = validateFiles([file], { accept, maxSize, minSize }).rejected[0];
      if (rejection) return { code: rejection.code, message: rejection.message };
      return validator ? customVerdict(validator, file) : null;
    },
    onDrop: (passed, refused, event) => {
      const current = latest.current;
      const maxFiles = (current.multiple ?? true) ? current.maxFiles : 1;
      // The count rule covers the whole drop, refused files included.
      const all = [...passed, ...refused.map((rejection) => rejection.file)];
      const counted = validateFiles(all, { maxFiles });
      const drop: DropResult =
        counted.rejected.length > 0
          ? { accepted: [], rejections: counted.rejected }
          : { accepted: passed, rejections: refused.map(toFalRejection) };
      setResult(drop);
      current.onDrop?.([...drop.accepted], [...drop.rejections], event ?? null);
      if (drop.accepted.length > 0) current.onAccepted?.([...drop.accepted]);
      if (drop.rejections.length > 0) current.onRejected?.([...drop.rejections]);
    },
  });

  const inputAccept = useMemo(() => acceptAttribute(options.accept), [options.accept]);
  const { getInputProps: dropzoneInputProps } = dropzone;
  const getInputProps = useMemo(
    () =>
      <T extends DropzoneInputProps>(props?: T): T =>
        dropzoneInputProps({ accept: inputAccept, multiple, ...props }) as T,
    [dropzoneInputProps, inputAccept, multiple],
  );

  return {
    getRootProps: dropzone.getRootProps,
    getInputProps,
    open: dropzone.open,
    isDragActive: dropzone.isDragActive,
    isDragAccept: dropzone.isDragAccept,
    isDragReject: dropzone.isDragReject,
    isFocused: dropzone.isFocused,
    isProcessing: dropzone.isProcessing,
    acceptedFiles: result.accepted,
    rejections: result.rejections,
  };
}
