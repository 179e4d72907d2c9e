import {
  type FalStream,
  type ImageSource,
  type StorageApi,
  type StreamOptions,
  type UnknownEndpointInput,
  type UploadData,
  type UploadOptions,
  type UploadProgress,
  createFalClient,
  encode,
  encodeBlob,
  encodeImage,
  uploadImage,
} from '@falkit/core';
import { encodeFile, uploadFile } from '@falkit/core/node';
import { describe, expectTypeOf, it } from 'vitest';

describe('stream, storage and encoding types', () => {
  it('stream resolves to a FalStream that iterates and finishes with the output type', () => {
    const client = createFalClient({ credentials: 'k' });
    // Type-level only: these functions are checked by the compiler and never called.
    const started = () => client.stream('me/untyped-llm', { input: { prompt: 'hi' } });
    expectTypeOf(started).returns.resolves.toEqualTypeOf<FalStream<UnknownEndpointInput, unknown>>();
    type S = FalStream<{ prompt: string }, { text: string; partial: boolean }>;
    expectTypeOf<S>().toMatchTypeOf<AsyncIterable<{ text: string; partial: boolean }>>();
    expectTypeOf<S['done']>().returns.toEqualTypeOf<Promise<{ text: string; partial: boolean }>>();
    expectTypeOf<S['requestId']>().toEqualTypeOf<string>();
    expectTypeOf<S['signal']>().toEqualTypeOf<AbortSignal>();
    expectTypeOf<S['abort']>().parameter(0).toEqualTypeOf<string | Error | undefined>();
    const listen = (stream: S) => {
      stream.on('data', (event) => expectTypeOf(event).toEqualTypeOf<{ text: string; partial: boolean }>());
      stream.on('done', (event) => expectTypeOf(event).toEqualTypeOf<{ text: string; partial: boolean }>());
    };
    expectTypeOf(listen).toBeFunction();
  });

  it('stream options use the official names', () => {
    expectTypeOf<StreamOptions<{ a: number }>>().toMatchTypeOf<{
      input?: { a: number };
      timeout?: number;
      signal?: AbortSignal;
      accept?: string;
      connectionMode?: 'client' | 'server';
    }>();
  });

  it('storage.upload takes a Blob, bytes or text and resolves with a URL string', () => {
    expectTypeOf<StorageApi['upload']>().parameter(0).toEqualTypeOf<UploadData>();
    expectTypeOf<StorageApi['upload']>().returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<UploadProgress>().toEqualTypeOf<{ loaded: number; total: number; fraction: number }>();
    expectTypeOf<{ lifecycle: 'never' }>().toMatchTypeOf<UploadOptions>();
    expectTypeOf<{ lifecycle: 3600 }>().toMatchTypeOf<UploadOptions>();
    expectTypeOf<{
      lifecycle: { expiresIn: '1d'; initialAcl: { default: 'hide' } };
    }>().toMatchTypeOf<UploadOptions>();
    expectTypeOf<{ lifecycle: 'forever' }>().not.toMatchTypeOf<UploadOptions>();
    expectTypeOf<StorageApi['transformInput']>().toEqualTypeOf<
      <T>(input: T, options?: import('@falkit/core').TransformInputOptions) => Promise<T>
    >();
  });

  it('encoding helpers: sync for bytes and text, async for Blobs and images', () => {
    expectTypeOf(encode).returns.toEqualTypeOf<string>();
    expectTypeOf(encodeBlob).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(encodeImage).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(uploadImage).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<Uint8Array>().toMatchTypeOf<ImageSource>();
    expectTypeOf<Blob>().toMatchTypeOf<ImageSource>();
    expectTypeOf<string>().not.toMatchTypeOf<ImageSource>();
    expectTypeOf(encodeFile).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(uploadFile).parameter(0).toEqualTypeOf<string | URL>();
    expectTypeOf(uploadFile).returns.toEqualTypeOf<Promise<string>>();
  });
});
