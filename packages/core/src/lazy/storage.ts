/**
 * Uploads (`client.storage.*`, and `Blob`s found in an input): loaded on first use (`storage.upload`
 * sends its initiation before this has loaded).
 */
export { transformInput } from '../storage/transformInput';
export { uploadImage } from '../storage/uploadImage';
export * from '../storage/uploadTransfer';
export * from './clientModules';
