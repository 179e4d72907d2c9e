import { FalInputError } from '../errors/falInputError';

/**
 * What `encodeImage` / `uploadImage` accept as an "image". The Python client takes a PIL image; in
 * JS an image is either already-encoded bytes (a `Blob`/`File`, `Uint8Array`, `ArrayBuffer`) or
 * pixels the browser can encode (`ImageData`, `ImageBitmap`, `HTMLCanvasElement`, `OffscreenCanvas`).
 */
export type ImageSource =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ImageDataLike
  | CanvasLike
  | OffscreenCanvasLike
  | ImageBitmapLike;

/** Formats understood by browsers' canvas encoders; `jpg` is accepted as `jpeg`. */
export type ImageFormat = 'jpeg' | 'jpg' | 'png' | 'webp' | 'gif' | 'avif' | 'bmp';

// Structural types so the package needs no DOM lib and still accepts the real DOM objects.
interface ImageDataLike {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}
interface CanvasLike {
  toBlob(callback: (blob: Blob | null) => void, type?: string, quality?: number): void;
}
interface OffscreenCanvasLike {
  convertToBlob(options?: { type?: string; quality?: number }): Promise<Blob>;
}
interface ImageBitmapLike {
  readonly width: number;
  readonly height: number;
  close(): void;
}

const DEFAULT_FORMAT = 'jpeg';

/** Throws `FalInputError` (`path: 'format'`) for a format that cannot name an image MIME subtype. */

export function imageMimeType(format: ImageFormat | string): string {
  if (typeof format !== 'string')
    throw new FalInputError(`invalid image format: ${String(format)}`, 'format');
  const normalised = format.toLowerCase() === 'jpg' ? 'jpeg' : format.toLowerCase();
  if (!/^[a-z0-9.+-]+$/.test(normalised))
    throw new FalInputError(`invalid image format: ${format}`, 'format');
  return `image/${normalised}`;
}

/**
 * Turns an image into an encoded `Blob`.
 * - bytes are taken as already encoded in `format` (default `jpeg`) and only labelled;
 * - a `Blob` keeps its bytes when `format` is omitted or already matches its type; otherwise it is
 *   re-encoded where the runtime can (`createImageBitmap` + `OffscreenCanvas`), else a `TypeError`;
 * - pixels (canvas, `ImageData`, `ImageBitmap`) are encoded as `format` (default `jpeg`).
 * Caller mistakes (an unsupported `image`, an invalid `format`) throw `FalInputError` with `path`
 * `image` / `format`; what the runtime cannot do (no `createImageBitmap` / `OffscreenCanvas`, a
 * canvas encoder that yields nothing) stays a `TypeError`.
 */
export async function imageToBlob(image: ImageSource, format?: ImageFormat | string): Promise<Blob> {
  const type = imageMimeType(format ?? DEFAULT_FORMAT);
  if (typeof image !== 'object' || image === null) throw unsupportedImage();
  if (image instanceof Blob) {
    if (format === undefined && image.type.startsWith('image/')) return image;
    if (image.type === type) return image;
    if (!image.type && format === undefined) return new Blob([image as BlobPart], { type });
    return reencode(image, type);
  }
  if (image instanceof Uint8Array || image instanceof ArrayBuffer)
    return new Blob([image as BlobPart], { type });
  if (isOffscreenCanvas(image)) return image.convertToBlob({ type });
  if (isCanvas(image)) {
    return new Promise((resolve, reject) => {
      image.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new TypeError('Canvas could not be encoded'))),
        type,
      );
    });
  }
  if (isImageData(image) || isImageBitmap(image)) return drawAndEncode(image, type);
  throw unsupportedImage();
}

function unsupportedImage(): FalInputError {
  return new FalInputError(
    'unsupported image: expected a Blob, bytes, ImageData, ImageBitmap or canvas',
    'image',
  );
}

async function reencode(blob: Blob, type: string): Promise<Blob> {
  if (typeof createImageBitmap !== 'function') {
    throw new TypeError(
      `Cannot convert ${blob.type || 'untyped data'} to ${type} in this runtime; omit the format to keep the original bytes`,
    );
  }
  const bitmap = await createImageBitmap(blob);
  try {
    return await drawAndEncode(bitmap, type);
  } finally {
    bitmap.close();
  }
}

async function drawAndEncode(source: ImageDataLike | ImageBitmapLike, type: string): Promise<Blob> {
  const Offscreen = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => OffscreenCanvasLike })
    .OffscreenCanvas;
  if (!Offscreen)
    throw new TypeError(`Encoding pixels to ${type} needs OffscreenCanvas (a browser or worker)`);
  const canvas = new Offscreen(source.width, source.height) as OffscreenCanvasLike & {
    getContext(id: '2d'): {
      putImageData(data: unknown, x: number, y: number): void;
      drawImage(image: unknown, x: number, y: number): void;
    } | null;
  };
  const context = canvas.getContext('2d');
  if (!context) throw new TypeError('2D canvas context unavailable');
  if (isImageData(source)) context.putImageData(source, 0, 0);
  else context.drawImage(source, 0, 0);
  return canvas.convertToBlob({ type });
}

function isOffscreenCanvas(value: unknown): value is OffscreenCanvasLike {
  return typeof (value as OffscreenCanvasLike).convertToBlob === 'function';
}
function isCanvas(value: unknown): value is CanvasLike {
  return typeof (value as CanvasLike).toBlob === 'function';
}
function isImageData(value: unknown): value is ImageDataLike {
  return (value as ImageDataLike).data instanceof Uint8ClampedArray;
}
function isImageBitmap(value: unknown): value is ImageBitmapLike {
  const bitmap = value as ImageBitmapLike;
  return typeof bitmap.close === 'function' && typeof bitmap.width === 'number';
}
