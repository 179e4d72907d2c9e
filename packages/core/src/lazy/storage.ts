/** Uploads (`client.storage.*`, and `Blob`s found in an input): loaded on first use. */
export { transformInput } from '../storage/transformInput';
export { upload } from '../storage/upload';
export { uploadImage } from '../storage/uploadImage';
export * from './clientModules';
