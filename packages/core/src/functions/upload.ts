import { type FalConnection, connectionStorageCode, connectionContext } from '../connection';
import { type UploadOptions, upload as uploadOperation } from '../storage/upload';

/** Upload a `Blob` / `File` to fal storage and resolve with its URL (`client.storage.upload`). */
export function upload(connection: FalConnection, file: Blob, options?: UploadOptions): Promise<string> {
  return uploadOperation(connectionContext(connection), file, options, connectionStorageCode);
}
