/**
 * Uploads (`upload`, and `Blob`s found in an input): loaded on first use (`upload` sends its
 * initiation before this has loaded). Shared by the client's and the connection's lazy modules.
 */
export { transformInput } from '../../storage/transformInput';
export { uploadImage } from '../../storage/uploadImage';
export * from '../../storage/uploadTransfer';
