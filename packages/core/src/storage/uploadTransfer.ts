/**
 * The code that moves an upload's bytes once it has been initiated: one signed PUT, or the parts of
 * a multipart upload, and the progress they report. Part of the client's lazily loaded storage
 * module; `upload` sends the initiation while it loads.
 */
export { multipartUpload } from './multipartUpload';
export { sendBody } from './sendBody';
export { UploadProgressTracker } from './uploadProgress';

/** Where `upload` gets the transfer code (the client's storage module, or this module itself). */
export type LoadUploadTransfer = () => Promise<typeof import('./uploadTransfer')>;
