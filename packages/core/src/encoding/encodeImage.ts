import { encodeBlob } from './encode';
import { type ImageFormat, type ImageSource, imageToBlob } from './imageToBlob';

/**
 * Encodes an image as a `data:image/...;base64,` URL (the Python client's `encode_image`).
 * See `imageToBlob` for how each kind of image and `format` (default `jpeg` for pixels) are handled.
 */
export async function encodeImage(image: ImageSource, format?: ImageFormat | string): Promise<string> {
  return encodeBlob(await imageToBlob(image, format));
}
