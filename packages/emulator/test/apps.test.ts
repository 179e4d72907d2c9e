import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/apps/pngEncoder.js';
import { get, instant, post, readSse } from './helpers.js';

function pngInfo(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = Array.from(bytes.subarray(0, 8));
  const chunks: { type: string; data: Uint8Array; crcOk: boolean }[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crcOk = crc32(bytes, offset + 4, offset + 8 + length) === view.getUint32(offset + 8 + length);
    chunks.push({ type, data, crcOk });
    offset += 12 + length;
  }
  const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset);
  return { signature, chunks, width: ihdr.getUint32(0), height: ihdr.getUint32(4) };
}

function wav(seconds: number, sampleRate = 16000, channels = 1): Uint8Array {
  const dataBytes = Math.round(seconds * sampleRate) * channels * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

describe('image apps', () => {
  it('fast-sdxl draws real, deterministic PNGs stored at emulator URLs', async () => {
    const emulator = instant();
    const input = { prompt: 'a red fox', image_size: { width: 64, height: 48 }, num_images: 2, seed: 7 };
    const response = await post(emulator, 'fal.run/fal-ai/fast-sdxl', input);
    expect(response.status).toBe(200);
    const output = (await response.json()) as {
      images: { url: string; width: number; height: number; content_type: string }[];
      seed: number;
    };
    expect(output.seed).toBe(7);
    expect(output.images).toHaveLength(2);
    const [first, second] = output.images;
    expect(first).toMatchObject({ width: 64, height: 48, content_type: 'image/png' });
    expect(first!.url).toMatch(/^http:\/\/emulator\.test\/[a-z0-9.]+\//);
    const file = await get(emulator, first!.url);
    expect(file.headers.get('content-type')).toContain('image/png');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const png = pngInfo(bytes);
    expect(png.signature).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(png.chunks.every((chunk) => chunk.crcOk)).toBe(true);
    expect([png.width, png.height]).toEqual([64, 48]);
    const raw = inflateSync(png.chunks[1]!.data);
    expect(raw.length).toBe((64 * 3 + 1) * 48);

    // Same prompt and seed → same pixels; the second image uses seed + 1 and differs.
    const again = (await (
      await post(emulator, 'fal.run/fal-ai/fast-sdxl', { ...input, num_images: 1 })
    ).json()) as typeof output;
    const againBytes = new Uint8Array(await (await get(emulator, again.images[0]!.url)).arrayBuffer());
    expect(againBytes).toEqual(bytes);
    const secondBytes = new Uint8Array(await (await get(emulator, second!.url)).arrayBuffer());
    expect(secondBytes).not.toEqual(bytes);
  });

  it('honours size presets: flux/dev defaults to landscape_4_3', async () => {
    const emulator = instant();
    const flux = (await (
      await post(emulator, 'fal.run/fal-ai/flux/dev', { prompt: 'x', num_inference_steps: 1 })
    ).json()) as {
      images: { width: number; height: number }[];
    };
    expect(flux.images[0]).toMatchObject({ width: 1024, height: 768 });
    const square = (await (
      await post(emulator, 'fal.run/fal-ai/fast-sdxl', {
        prompt: 'x',
        image_size: 'square',
        num_inference_steps: 1,
      })
    ).json()) as {
      images: { width: number; height: number }[];
    };
    expect(square.images[0]).toMatchObject({ width: 512, height: 512 });
  });

  it('answers 422 without a prompt and for a bad size', async () => {
    const emulator = instant();
    const missing = await post(emulator, 'fal.run/fal-ai/fast-sdxl', {});
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }],
    });
    const badSize = await post(emulator, 'fal.run/fal-ai/flux/dev', { prompt: 'x', image_size: 'huge' });
    expect(badSize.status).toBe(422);
    expect(((await badSize.json()) as { detail: { loc: string[] }[] }).detail[0]!.loc).toEqual([
      'body',
      'image_size',
    ]);
  });

  it('logs each inference step, visible through queue status', async () => {
    const emulator = instant();
    const submit = (await (
      await post(emulator, 'queue.fal.run/fal-ai/fast-sdxl', {
        prompt: 'x',
        num_inference_steps: 3,
        image_size: { width: 8, height: 8 },
      })
    ).json()) as { status_url: string };
    await emulator.fetch(new Request(submit.status_url.replace('/status', '')));
    let status: { status: string; logs: { message: string }[] } = { status: '', logs: [] };
    for (let i = 0; i < 50 && status.status !== 'COMPLETED'; i++) {
      status = (await (await get(emulator, `${submit.status_url}?logs=1`)).json()) as typeof status;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(status.logs.map((log) => log.message)).toEqual(
      expect.arrayContaining(['Step 1/3', 'Step 2/3', 'Step 3/3']),
    );
  });
});

describe('whisper', () => {
  it('reads a WAV data URL and describes it in chunks', async () => {
    const emulator = instant();
    const audio = `data:audio/wav;base64,${Buffer.from(wav(7.5)).toString('base64')}`;
    const response = await post(emulator, 'fal.run/fal-ai/whisper', { audio_url: audio });
    expect(response.status).toBe(200);
    const output = (await response.json()) as {
      text: string;
      chunks: { timestamp: number[]; text: string }[];
    };
    expect(output.text).toContain('7.50 seconds');
    expect(output.text).toContain('16000 Hz');
    expect(output.chunks.map((chunk) => chunk.timestamp)).toEqual([
      [0, 5],
      [5, 7.5],
    ]);
  });

  it('reads audio from emulator storage', async () => {
    const emulator = instant();
    const fileUrl = emulator.storage.put(wav(1, 8000, 2), 'audio/wav', { origin: 'http://emulator.test' });
    const output = (await (
      await post(emulator, 'fal.run/fal-ai/whisper', { audio_url: fileUrl })
    ).json()) as { text: string };
    expect(output.text).toContain('1.00 seconds, 8000 Hz, stereo');
  });

  it('answers 422 for missing, unreachable and undecodable audio', async () => {
    const emulator = instant();
    expect((await post(emulator, 'fal.run/fal-ai/whisper', {})).status).toBe(422);
    expect(
      (await post(emulator, 'fal.run/fal-ai/whisper', { audio_url: 'https://example.com/a.wav' })).status,
    ).toBe(422);
    const notWav = await post(emulator, 'fal.run/fal-ai/whisper', {
      audio_url: 'data:audio/mpeg;base64,SUQzBAAAAAAA',
    });
    expect(notWav.status).toBe(422);
    expect(((await notWav.json()) as { detail: { type: string }[] }).detail[0]!.type).toBe(
      'audio_decode_error',
    );
  });
});

describe('any-llm', () => {
  it('streams partial outputs and ends with partial: false', async () => {
    const emulator = instant();
    const response = await post(
      emulator,
      'fal.run/fal-ai/any-llm/stream',
      { prompt: 'hello there' },
      { accept: 'text/event-stream' },
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-fal-request-id')).toBeTruthy();
    const events = (await readSse(response)) as { output: string; partial: boolean }[];
    expect(events.length).toBeGreaterThan(3);
    expect(events.slice(0, -1).every((event) => event.partial)).toBe(true);
    const last = events.at(-1)!;
    expect(last.partial).toBe(false);
    expect(last.output).toContain('hello there');
    expect(events[1]!.output.startsWith(events[0]!.output)).toBe(true);
  });

  it('returns only the final object through run', async () => {
    const emulator = instant();
    const output = (await (await post(emulator, 'fal.run/fal-ai/any-llm', { prompt: 'hi' })).json()) as {
      partial: boolean;
      output: string;
    };
    expect(output.partial).toBe(false);
    expect(output.output).toContain('hi');
  });
});
