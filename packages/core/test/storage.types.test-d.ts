import type {
  FalClientConfig,
  RetryOptions,
  TransferRetryOptions,
  UploadOptions,
  UploadRetryOptions,
} from '@falkit/core';
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
