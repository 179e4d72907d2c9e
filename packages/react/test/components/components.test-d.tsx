import type {
  RequestSnapshot,
  StreamSnapshot,
  UploadRejection,
  UploadSnapshot,
} from '@falkit/core/observers';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ObserverStatus,
  FalDropZoneProps,
  FalFileRejectionCode,
  FalImageLike,
  FalLogLike,
  FalProgressProps,
  FalQueueStatusProps,
  FalUploadedFile,
  UseFalDropZoneResult,
} from '../../src';

describe('component types', () => {
  it("take the hooks' snapshots as they are", () => {
    expectTypeOf<RequestSnapshot<unknown, unknown>['status']>().toExtend<ObserverStatus>();
    expectTypeOf<StreamSnapshot<unknown, unknown>['status']>().toExtend<ObserverStatus>();
    expectTypeOf<UploadSnapshot['status']>().toExtend<ObserverStatus>();
    expectTypeOf<RequestSnapshot<unknown, unknown>['logs'][number]>().toExtend<FalLogLike>();
    expectTypeOf<RequestSnapshot<unknown, unknown>['queuePosition']>().toExtend<
      FalQueueStatusProps['queuePosition']
    >();
    expectTypeOf<RequestSnapshot<unknown, unknown>['cancel']>().toExtend<
      NonNullable<FalQueueStatusProps['onCancel']>
    >();
    expectTypeOf<UploadSnapshot['progress']['fraction']>().toExtend<FalProgressProps['value']>();
  });

  it('types rejections, uploads and images', () => {
    expectTypeOf<FalFileRejectionCode>().toEqualTypeOf<
      'file-invalid-type' | 'file-too-large' | 'file-too-small' | 'too-many-files' | 'validation-failed'
    >();
    expectTypeOf<UseFalDropZoneResult['rejections'][number]['code']>().toEqualTypeOf<FalFileRejectionCode>();
    // One rejection shape: core's `{ file, code, message }`, with a File and the validator's code.
    expectTypeOf<UseFalDropZoneResult['rejections'][number]>().toEqualTypeOf<{
      file: File;
      code: FalFileRejectionCode;
      message: string;
    }>();
    expectTypeOf<Omit<UseFalDropZoneResult['rejections'][number], 'code'>>().toExtend<
      Omit<UploadRejection<File>, 'code'>
    >();
    expectTypeOf<
      Parameters<NonNullable<FalDropZoneProps['onUploaded']>>[0]
    >().toEqualTypeOf<FalUploadedFile>();
    expectTypeOf<FalUploadedFile>().toEqualTypeOf<{ url: string; file: File }>();
    expectTypeOf<{
      url: string;
      width: number;
      height: number;
      content_type: string;
    }>().toExtend<FalImageLike>();
    expectTypeOf<{ width: number }>().not.toExtend<FalImageLike>();
  });
});
