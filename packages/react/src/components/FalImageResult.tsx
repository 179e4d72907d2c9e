import { type HTMLAttributes, type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { errorMessage } from './errorMessage';
import { type SlotStyling, slotProps } from './slots';
import { isPendingStatus, type ObserverStatus } from '@falkit/core/observers';

export type FalImageResultSlot = 'root' | 'figure' | 'image' | 'placeholder' | 'error';

/** An image as fal's image apps return it (`images[]` of fast-sdxl, flux, …). */
export interface FalImageLike {
  url: string;
  width?: number;
  height?: number;
  content_type?: string;
  file_name?: string;
}

export interface FalImageResultProps
  extends SlotStyling<FalImageResultSlot>,
    Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'children'> {
  images: readonly FalImageLike[] | null | undefined;
  /** The job's status: while it is active a placeholder holds the image's place. */
  status?: ObserverStatus;
  error?: unknown;
  /** Alternative text; by default "Generated image 1", "Generated image 2", … */
  alt?: string | ((image: FalImageLike, index: number) => string);
  /** Size of the placeholder while the job runs (e.g. the requested `image_size`). */
  placeholderSize?: { width: number; height: number };
  /** Shown inside the placeholder. */
  placeholder?: ReactNode;
  onImageLoad?: (image: FalImageLike, element: HTMLImageElement) => void;
}

type LoadState = 'loading' | 'loaded' | 'error';

function ResultImage(props: {
  image: FalImageLike;
  alt: string;
  styling: SlotStyling<FalImageResultSlot>;
  onLoadState: (state: LoadState) => void;
  onImageLoad?: (image: FalImageLike, element: HTMLImageElement) => void;
}) {
  const { image, alt, styling, onLoadState, onImageLoad } = props;
  const ref = useRef<HTMLImageElement>(null);
  const [state, setState] = useState<LoadState>('loading');
  const update = (next: LoadState) => {
    setState(next);
    onLoadState(next);
  };

  // An image served from cache may finish before React attaches `onLoad`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on mount of this url
  useLayoutEffect(() => {
    const element = ref.current;
    if (element?.complete && element.naturalWidth > 0) update('loaded');
  }, []);

  return (
    <figure
      {...slotProps(styling, 'figure', 'image-result-figure')}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <img
        {...slotProps(styling, 'image', 'image-result-image')}
        ref={ref}
        src={image.url}
        alt={alt}
        width={image.width}
        height={image.height}
        decoding="async"
        data-state={state}
        onLoad={(event) => {
          update('loaded');
          onImageLoad?.(image, event.currentTarget);
        }}
        onError={() => update('error')}
      />
      {state === 'error' ? (
        <figcaption {...slotProps(styling, 'error', 'image-result-error')} role="alert">
          Image failed to load
        </figcaption>
      ) : null}
    </figure>
  );
}

/**
 * Generated images with their `width`/`height` set (no layout shift), a placeholder while the
 * job runs, and a per-image loading state (`data-state="loading" | "loaded" | "error"`).
 */
export function FalImageResult(props: FalImageResultProps) {
  const {
    images,
    status,
    error,
    alt,
    placeholderSize,
    placeholder = 'Generating…',
    onImageLoad,
    className,
    classNames,
    appearance,
    style,
    ...rest
  } = props;
  const styling = { className, classNames, appearance };
  const [loadStates, setLoadStates] = useState<Record<string, LoadState>>({});
  const list = images ?? [];
  const running = isPendingStatus(status);
  const imagesLoading = list.some((image) => (loadStates[image.url] ?? 'loading') === 'loading');
  const busy = running || (list.length > 0 && imagesLoading);
  const state = running
    ? 'loading'
    : list.length > 0
      ? imagesLoading
        ? 'loading'
        : 'loaded'
      : (status ?? 'idle');
  const altFor = (image: FalImageLike, index: number) =>
    typeof alt === 'function' ? alt(image, index) : (alt ?? `Generated image ${index + 1}`);
  const message = status === 'error' ? errorMessage(error) : undefined;

  return (
    <div {...rest} {...slotProps(styling, 'root', 'image-result', style)} data-state={state} aria-busy={busy}>
      {running && list.length === 0 ? (
        <div
          {...slotProps(
            styling,
            'placeholder',
            'image-result-placeholder',
            placeholderSize
              ? { aspectRatio: `${placeholderSize.width} / ${placeholderSize.height}` }
              : undefined,
          )}
          role="img"
          aria-label="Image is being generated"
        >
          {placeholder}
        </div>
      ) : null}
      {list.map((image, index) => (
        <ResultImage
          key={image.url}
          image={image}
          alt={altFor(image, index)}
          styling={styling}
          onImageLoad={onImageLoad}
          onLoadState={(next) => setLoadStates((current) => ({ ...current, [image.url]: next }))}
        />
      ))}
      {message ? (
        <p {...slotProps(styling, 'error', 'image-result-error')} role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
