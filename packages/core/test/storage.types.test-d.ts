import type {
  FalClient,
  FalClientConfig,
  RetryOptions,
  TransferRetryOptions,
  UploadData,
  UploadOptions,
  UploadRetryOptions,
} from '@falkit/core';
import type { UploadCapableClient } from '@falkit/core/node';
import { acceptAttribute, formatBytes, type UploadRejection, validateFiles } from '@falkit/core/observers';
import { describe, expectTypeOf, test } from 'vitest';

describe('upload retry, queue and file rule types', () => {
  test('uploads take the config retry option names; the old names still type-check', () => {
    expectTypeOf<UploadOptions['retry']>().toEqualTypeOf<UploadRetryOptions | false | undefined>();
    expectTypeOf<Partial<RetryOptions>>().toExtend<UploadRetryOptions>();
    expectTypeOf<{ maxRetries: 2; baseDelayMs: 10; maxDelayMs: 100 }>().toExtend<UploadRetryOptions>();
    expectTypeOf<TransferRetryOptions>().toEqualTypeOf<UploadRetryOptions>();
    expectTypeOf<{ retryableStatusCodes: string[] }>().not.toExtend<UploadRetryOptions>();
    expectTypeOf<UploadOptions['onStart']>().toEqualTypeOf<(() => void) | undefined>();
  });

  test('storage.upload takes a Blob / File, bytes or text, described by contentType and fileName', () => {
    expectTypeOf<UploadData>().toEqualTypeOf<Blob | Uint8Array | ArrayBuffer | string>();
    expectTypeOf<FalClient['storage']['upload']>().parameter(0).toEqualTypeOf<UploadData>();
    expectTypeOf<UploadCapableClient['storage']['upload']>().parameter(0).toEqualTypeOf<UploadData>();
    expectTypeOf<Buffer>().toExtend<UploadData>();
    expectTypeOf<File>().toExtend<UploadData>();
    expectTypeOf<number>().not.toExtend<UploadData>();
    expectTypeOf<number[]>().not.toExtend<UploadData>();
    expectTypeOf<Int16Array>().not.toExtend<UploadData>();
    expectTypeOf<UploadOptions['contentType']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<UploadOptions['fileName']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<FalClient['storage']['upload']>().returns.toEqualTypeOf<Promise<string>>();
  });

  test('the client sets the upload queue limit', () => {
    expectTypeOf<FalClientConfig['uploadConcurrency']>().toEqualTypeOf<number | undefined>();
  });

  test('validateFiles keeps the file type; one rejection shape', () => {
    const result = validateFiles([new File([], 'a.png')], { accept: '.png' });
    expectTypeOf(result.accepted).toEqualTypeOf<File[]>();
    expectTypeOf(result.rejected).toEqualTypeOf<UploadRejection<File>[]>();
    expectTypeOf<UploadRejection>().toEqualTypeOf<{
      file: Blob;
      code: 'file-invalid-type' | 'file-too-large' | 'file-too-small' | 'too-many-files';
      message: string;
    }>();
    expectTypeOf(formatBytes).toEqualTypeOf<(bytes: number) => string>();
    expectTypeOf(acceptAttribute).returns.toEqualTypeOf<string | undefined>();
  });
});
