import { decodeRealtimeMessage, encodeRealtimeMessage } from '@falkit/core/realtime';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

describe('realtime codec', () => {
  const frame = encodeRealtimeMessage({ images: [{ url: 'data:x' }], seed: 7 });

  it('decodes msgpack from ArrayBuffer, typed arrays and Blobs', async () => {
    const buffer = frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
    const expected = { images: [{ url: 'data:x' }], seed: 7 };
    await expect(decodeRealtimeMessage(buffer)).resolves.toEqual(expected);
    await expect(decodeRealtimeMessage(frame)).resolves.toEqual(expected);
    await expect(decodeRealtimeMessage(new Blob([frame as Uint8Array<ArrayBuffer>]))).resolves.toEqual(
      expected,
    );
  });

  it('decodes an ArrayBuffer from another realm (jsdom + ws hand over foreign buffers)', async () => {
    const foreign = runInNewContext('new ArrayBuffer(n)', { n: frame.byteLength }) as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    new Uint8Array(foreign).set(frame);
    await expect(decodeRealtimeMessage(foreign)).resolves.toEqual({ images: [{ url: 'data:x' }], seed: 7 });
  });

  it('parses text frames as JSON', async () => {
    await expect(decodeRealtimeMessage('{"type":"x-fal-message"}')).resolves.toEqual({
      type: 'x-fal-message',
    });
  });
});
