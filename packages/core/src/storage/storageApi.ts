import type { ImageFormat, ImageSource } from '../encoding/imageToBlob';
import type { TransformInputOptions } from './transformInput';
import type { UploadOptions } from './upload';
import type { UploadData } from './uploadSource';

/** `client.storage`: a drop-in for `@fal-ai/client`'s `StorageClient`, plus progress, abort and parts. */
export interface StorageApi {
  /** Uploads a `Blob` / `File`, bytes (`Uint8Array`, `ArrayBuffer`) or text and resolves with its public URL. */
  upload(data: UploadData, options?: UploadOptions): Promise<string>;
  /** Replaces every `Blob` / `File` / large data URL in `input` by an uploaded URL. */
  transformInput<T>(input: T, options?: TransformInputOptions): Promise<T>;
  /** Uploads an image (bytes, Blob, canvas, ImageData, ImageBitmap) as `format`. */
  uploadImage(image: ImageSource, format?: ImageFormat | string, options?: UploadOptions): Promise<string>;
}
