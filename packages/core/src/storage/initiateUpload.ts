import type { FalContext } from '../context';
import { FalError } from '../errors/falError';
import type { RetryPolicy } from '../retry/retryPolicy';
import { OBJECT_LIFECYCLE_HEADER } from './objectLifecycle';

/** The signed target of an upload (§6.1). */
export interface UploadTarget {
  /** Where the bytes go (`PUT`), or the multipart base URL. */
  uploadUrl: string;
  /** The public URL of the file once uploaded. */
  fileUrl: string;
}

const REST_URL = 'https://rest.fal.ai';

/** `POST rest.fal.ai/storage/upload/initiate[-multipart]?storage_type=fal-cdn-v3`. */
export async function initiateUpload(
  ctx: FalContext,
  kind: 'single' | 'multipart',
  file: { contentType: string; fileName: string; lifecycleHeader: string | undefined },
  options: { signal: AbortSignal | undefined; retry: RetryPolicy | false },
): Promise<UploadTarget> {
  const route = kind === 'single' ? 'initiate' : 'initiate-multipart';
  const headers: Record<string, string> = {};
  if (file.lifecycleHeader) headers[OBJECT_LIFECYCLE_HEADER] = file.lifecycleHeader;
  const response = await ctx.request({
    method: 'POST',
    url: `${REST_URL}/storage/upload/${route}?storage_type=fal-cdn-v3`,
    json: { content_type: file.contentType, file_name: file.fileName },
    headers,
    signal: options.signal,
    retry: options.retry,
  });
  const body = (await response.json()) as { upload_url?: unknown; file_url?: unknown };
  if (typeof body.upload_url !== 'string' || typeof body.file_url !== 'string') {
    throw new FalError(`Unexpected upload initiation response: ${JSON.stringify(body)}`);
  }
  return { uploadUrl: body.upload_url, fileUrl: body.file_url };
}
