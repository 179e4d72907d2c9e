import { FalInputError, encode, encodeBlob, encodeImage } from '@falkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('encode', () => {
  it('encodes text as UTF-8 standard base64', () => {
    expect(encode('hello', 'text/plain')).toBe('data:text/plain;base64,aGVsbG8=');
    expect(encode('héllo 🎉', 'text/plain;charset=utf-8')).toBe(
      `data:text/plain;charset=utf-8;base64,${Buffer.from('héllo 🎉').toString('base64')}`,
    );
  });

  it('encodes bytes, ArrayBuffers and views identically to Buffer base64', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 7) % 256);
    const expected = `data:application/octet-stream;base64,${Buffer.from(bytes).toString('base64')}`;
    expect(encode(bytes, 'application/octet-stream')).toBe(expected);
    expect(encode(bytes.buffer, 'application/octet-stream')).toBe(expected);
    expect(encode(new DataView(bytes.buffer), 'application/octet-stream')).toBe(expected);
    expect(encode(new Uint8Array(0), 'application/octet-stream')).toBe(
      'data:application/octet-stream;base64,',
    );
  });

  it('rejects bad content types and Blobs (use encodeBlob)', () => {
    // FalInputError like every other bad input, not a bare TypeError.
    expect(() => encode('x', 'not a type')).toThrow(FalInputError);
    expect(() => encode('x', 'text/plain,evil')).toThrow(FalInputError);
    expect(() => encode('x', '')).toThrow(FalInputError);
    expect(() => encode(42 as never, 'text/plain')).toThrow(FalInputError);
    expect(() => encode(new Blob(['x']) as unknown as string, 'text/plain')).toThrow(FalInputError);
    expect(() => encode(new Blob(['x']) as unknown as string, 'text/plain')).toThrow(/encodeBlob/);
  });

  it('encodeBlob of a non-Blob is a FalInputError', async () => {
    await expect(encodeBlob('x' as never)).rejects.toThrow(FalInputError);
  });

  it('encodeBlob uses the blob type unless one is given', async () => {
    const blob = new Blob(['{"a":1}'], { type: 'application/json' });
    expect(await encodeBlob(blob)).toBe(
      `data:application/json;base64,${Buffer.from('{"a":1}').toString('base64')}`,
    );
    expect(await encodeBlob(blob, 'text/plain')).toMatch(/^data:text\/plain;base64,/);
    expect(await encodeBlob(new Blob(['x']))).toMatch(/^data:application\/octet-stream;base64,/);
  });
});

describe('encodeImage / uploadImage', () => {
  let env: RunningEmulator;
  beforeAll(async () => {
    env = await startEmulator();
  });
  afterAll(() => env.close());

  it('labels encoded bytes with the format (default jpeg)', async () => {
    expect(await encodeImage(new Uint8Array([1, 2, 3]))).toBe('data:image/jpeg;base64,AQID');
    expect(await encodeImage(PNG_SIGNATURE, 'png')).toBe(
      `data:image/png;base64,${Buffer.from(PNG_SIGNATURE).toString('base64')}`,
    );
    expect(await encodeImage(new Uint8Array([1]).buffer, 'jpg')).toBe('data:image/jpeg;base64,AQ==');
  });

  it('keeps an image Blob as it is when no format is asked for', async () => {
    const blob = new Blob([PNG_SIGNATURE], { type: 'image/png' });
    expect(await encodeImage(blob)).toMatch(/^data:image\/png;base64,/);
    expect(await encodeImage(blob, 'png')).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses to convert formats where the runtime cannot re-encode images', async () => {
    const blob = new Blob([PNG_SIGNATURE], { type: 'image/png' });
    await expect(encodeImage(blob, 'webp')).rejects.toThrow(/Cannot convert image\/png to image\/webp/);
  });

  it('rejects caller mistakes with FalInputError naming the argument', async () => {
    for (const image of [null, undefined, 42, 'x', {}]) {
      const error = await encodeImage(image as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FalInputError);
      expect((error as FalInputError).path).toBe('image');
    }
    for (const format of ['image/png', 'pn g', '', 7]) {
      const error = await encodeImage(PNG_SIGNATURE, format as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FalInputError);
      expect((error as FalInputError).path).toBe('format');
    }
    await expect(env.client().storage.uploadImage({} as never)).rejects.toThrow(FalInputError);
  });

  it('keeps runtime limitations (no image re-encoder here) as TypeError, not FalInputError', async () => {
    const blob = new Blob([PNG_SIGNATURE], { type: 'image/png' });
    const error = await encodeImage(blob, 'webp').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(FalInputError);
  });

  it('encodes canvases through their own encoder', async () => {
    const canvas = {
      toBlob(callback: (blob: Blob | null) => void, type?: string) {
        callback(new Blob([PNG_SIGNATURE], { type: type ?? 'image/png' }));
      },
    };
    expect(await encodeImage(canvas, 'webp')).toMatch(/^data:image\/webp;base64,/);
    const offscreen = {
      convertToBlob: async (options?: { type?: string }) => new Blob(['o'], { type: options?.type }),
    };
    expect(await encodeImage(offscreen)).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('uploadImage stores the image with its image type', async () => {
    const url = await env.client().storage.uploadImage(PNG_SIGNATURE, 'png');
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toContain('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG_SIGNATURE);
  });
});
