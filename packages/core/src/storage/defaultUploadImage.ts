import type { ImageFormat, ImageSource } from '../encoding/imageToBlob';
import { fal } from '../fal';
import type { UploadOptions } from './upload';

/**
 * Seed surface (`fal_client.upload_image`): uploads an image with the shared `fal` instance and
 * resolves with its URL. Same as `fal.storage.uploadImage(image, format, options)`.
 */
export function uploadImage(
  image: ImageSource,
  format?: ImageFormat | string,
  options?: UploadOptions,
): Promise<string> {
  return fal.storage.uploadImage(image, format, options);
}
