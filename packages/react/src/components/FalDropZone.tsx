import type { FalClient } from '@falkit/core';
import { formatBytes } from '@falkit/core/observers';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type UseUploadOptions, useUpload } from '../hooks/useUpload';
import { errorMessage } from './errorMessage';
import { FalProgress } from './FalProgress';
import { type SlotStyling, slotProps } from './slots';
import { type FalFileRejection, type UseFalDropZoneOptions, useFalDropZone } from './useFalDropZone';

export type FalDropZoneSlot =
  | 'root'
  | 'zone'
  | 'label'
  | 'hint'
  | 'rejections'
  | 'files'
  | 'file'
  | 'fileName'
  | 'fileUrl'
  | 'fileError'
  | 'cancel'
  | 'retry'
  | 'remove';

/** One finished upload, as handed to `onUploaded`. */
export interface FalUploadedFile {
  url: string;
  file: File;
}

export interface FalDropZoneProps extends UseFalDropZoneOptions, SlotStyling<FalDropZoneSlot> {
  /** Called once per file when its upload finishes, with the file's URL. */
  onUploaded?: (uploaded: FalUploadedFile) => void;
  /** The URLs of every uploaded file still listed, in order, whenever that list changes. */
  onUrlsChange?: (urls: string[]) => void;
  /** Upload through this client instead of the provider's. */
  client?: FalClient;
  /** Extra options for each file's `useUpload` (e.g. `progressGranularity`, `throttle`). */
  uploadOptions?: Omit<UseUploadOptions, 'client'>;
  /** Accessible name of the drop target. */
  label?: string;
  /** Visible text inside the drop target. */
  children?: ReactNode;
  /** Smaller text under the label, e.g. "PNG or WAV, up to 10 MB". */
  hint?: ReactNode;
}

interface Item {
  id: number;
  file: File;
}

interface FileRowProps {
  item: Item;
  client: FalClient | undefined;
  uploadOptions: Omit<UseUploadOptions, 'client'> | undefined;
  styling: SlotStyling<FalDropZoneSlot>;
  onUploaded: (item: Item, url: string) => void;
  onRemove: (item: Item) => void;
}

/**
 * One file: its own upload (so cancel and retry are per file), progress and result. Every row
 * uploads through the same client, so all rows share its upload queue (`uploadConcurrency`).
 */
function FileRow({ item, client, uploadOptions, styling, onUploaded, onRemove }: FileRowProps) {
  const upload = useUpload({ ...uploadOptions, client });
  const started = useRef(false);
  const reported = useRef<string | undefined>(undefined);
  const state = upload.files[0];
  const url = state?.url;

  // Start once per row; StrictMode's second effect run must not upload twice.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void upload.upload([item.file]);
  }, [upload, item.file]);

  useEffect(() => {
    if (url && reported.current !== url) {
      reported.current = url;
      onUploaded(item, url);
    }
  }, [url, item, onUploaded]);

  const status = upload.status === 'idle' ? 'uploading' : upload.status;
  // Accepted, but waiting for a slot in the client's upload queue.
  const waiting = status === 'uploading' && (state === undefined || state.status === 'pending');
  const failure = upload.status === 'error' ? errorMessage(state?.error ?? upload.error) : undefined;
  const name = item.file.name || 'file';

  return (
    <li {...slotProps(styling, 'file', 'drop-zone-file')} data-state={waiting ? 'waiting' : status}>
      <span {...slotProps(styling, 'fileName', 'drop-zone-file-name')} title={name}>
        {name} <small>({formatBytes(item.file.size)})</small>
      </span>
      <span>
        {upload.isUploading ? (
          <button
            {...slotProps(styling, 'cancel', 'drop-zone-cancel')}
            type="button"
            onClick={upload.cancel}
            aria-label={`Cancel upload of ${name}`}
          >
            Cancel
          </button>
        ) : null}
        {upload.status === 'error' || upload.status === 'cancelled' ? (
          <button
            {...slotProps(styling, 'retry', 'drop-zone-retry')}
            type="button"
            onClick={() => void upload.upload([item.file])}
            aria-label={`Retry upload of ${name}`}
          >
            Retry
          </button>
        ) : null}
        {upload.isUploading ? null : (
          <button
            {...slotProps(styling, 'remove', 'drop-zone-remove')}
            type="button"
            onClick={() => onRemove(item)}
            aria-label={`Remove ${name}`}
          >
            Remove
          </button>
        )}
      </span>
      <FalProgress
        value={state?.fraction ?? 0}
        status={status}
        label={`Upload of ${name}`}
        renderLabel={({ value }) =>
          status === 'cancelled'
            ? 'Cancelled'
            : status === 'error'
              ? 'Failed'
              : waiting
                ? 'Waiting'
                : `${Math.round((value ?? 0) * 100)}%`
        }
      />
      {url ? (
        <a
          {...slotProps(styling, 'fileUrl', 'drop-zone-file-url')}
          href={url}
          target="_blank"
          rel="noreferrer"
        >
          {url}
        </a>
      ) : null}
      {failure ? (
        <span {...slotProps(styling, 'fileError', 'drop-zone-error')} role="alert">
          {failure}
        </span>
      ) : null}
    </li>
  );
}

/**
 * A drop zone that uploads every accepted file through `useUpload`, with per-file progress,
 * cancel and retry, and hands back the URLs (`onUploaded`, `onUrlsChange`). Click, Enter or
 * Space opens the file dialog; files can also be dropped or pasted. Files are checked by core's
 * `validateFiles` and wait their turn in the client's upload queue (3 transfers at once by default).
 */
export function FalDropZone(props: FalDropZoneProps) {
  const {
    onUploaded,
    onUrlsChange,
    client,
    uploadOptions,
    label = 'Upload files',
    children = 'Drop files here, paste, or click to choose',
    hint,
    className,
    classNames,
    appearance,
    onAccepted,
    ...zoneOptions
  } = props;
  const styling = { className, classNames, appearance };
  const hintId = useId();
  const nextId = useRef(0);
  const [items, setItems] = useState<Item[]>([]);
  const [uploaded, setUploaded] = useState<ReadonlyMap<number, string>>(new Map());
  const latest = useRef({ onUploaded, onUrlsChange });
  latest.current = { onUploaded, onUrlsChange };

  const zone = useFalDropZone({
    ...zoneOptions,
    onAccepted: (files) => {
      onAccepted?.(files);
      setItems((current) => [...current, ...files.map((file) => ({ id: nextId.current++, file }))]);
    },
  });

  const [reportUploaded] = useState(() => (item: Item, url: string) => {
    setUploaded((current) => new Map(current).set(item.id, url));
    latest.current.onUploaded?.({ url, file: item.file });
  });
  const [remove] = useState(() => (item: Item) => {
    setItems((current) => current.filter((candidate) => candidate !== item));
    setUploaded((current) => {
      if (!current.has(item.id)) return current;
      const next = new Map(current);
      next.delete(item.id);
      return next;
    });
  });

  // Report only real changes (not the first render, nor StrictMode's second effect run).
  const reportedUrls = useRef(uploaded);
  useEffect(() => {
    if (reportedUrls.current === uploaded) return;
    reportedUrls.current = uploaded;
    latest.current.onUrlsChange?.([...uploaded.entries()].sort(([a], [b]) => a - b).map(([, url]) => url));
  }, [uploaded]);

  const zoneState = zoneOptions.disabled
    ? 'disabled'
    : zone.isDragReject
      ? 'reject'
      : zone.isDragAccept
        ? 'accept'
        : zone.isDragActive
          ? 'active'
          : 'idle';
  const rejections: readonly FalFileRejection[] = zone.rejections;

  return (
    <div {...slotProps(styling, 'root', 'drop-zone-root')}>
      <div
        {...zone.getRootProps({
          ...slotProps(styling, 'zone', 'drop-zone'),
          role: 'button',
          'aria-label': label,
          'aria-describedby': hint ? hintId : undefined,
        })}
        data-state={zoneState}
      >
        <input {...zone.getInputProps()} />
        <span {...slotProps(styling, 'label', 'drop-zone-label')}>{children}</span>
        {hint ? (
          <span {...slotProps(styling, 'hint', 'drop-zone-hint')} id={hintId}>
            {hint}
          </span>
        ) : null}
      </div>
      {rejections.length > 0 ? (
        <ul {...slotProps(styling, 'rejections', 'drop-zone-rejections')} role="alert">
          {rejections.map((rejection, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: rejections have no identity beyond their order
              key={index}
              className="falkit-drop-zone-error"
              data-code={rejection.code}
            >
              {rejection.message}
            </li>
          ))}
        </ul>
      ) : null}
      {items.length > 0 ? (
        <ul {...slotProps(styling, 'files', 'drop-zone-files')} aria-label="Uploads">
          {items.map((item) => (
            <FileRow
              key={item.id}
              item={item}
              client={client}
              uploadOptions={uploadOptions}
              styling={styling}
              onUploaded={reportUploaded}
              onRemove={remove}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
