import { type FalConnection, connectionContext } from '../connection';
import { type UploadOptions, upload as uploadOperation } from '../storage/upload';
import type { UploadData } from '../storage/uploadSource';
import * as uploadTransfer from '../storage/uploadTransfer';

// The transfer code (PUTs, parts) is part of this module: nothing loads after the call.
const transferCode = async () => uploadTransfer;

/**
 * Upload a `Blob` / `File`, bytes or text (`UploadData`) to fal storage and resolve with its URL
 * (`client.storage.upload`).
 */
export function upload(
  connection: FalConnection,
  data: UploadData,
  options?: UploadOptions,
): Promise<string> {
  return uploadOperation(connectionContext(connection), data, options, transferCode);
}
