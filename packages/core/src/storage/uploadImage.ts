import type { FalContext } from '../context';
import { type ImageFormat, type ImageSource, imageToBlob } from '../encoding/imageToBlob';
import { type UploadOptions, upload } from './upload';
import * as uploadTransfer from './uploadTransfer';

/**
 * Uploads an image and resolves with its URL (the Python client's `upload_image`). See
 * `imageToBlob` for accepted images and how `format` applies (default `jpeg` for pixels).
 */
export async function uploadImage(
  ctx: FalContext,
  image: ImageSource,
  format?: ImageFormat | string,
  options?: UploadOptions,
): Promise<string> {
  return upload(ctx, await imageToBlob(image, format), options ?? {}, async () => uploadTransfer);
}
