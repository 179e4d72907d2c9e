import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '@falkit/emulator';
import { get, instant, post } from './helpers.js';

// Independent readers (Node's zlib, hand-walked boxes and headers): the tests never decode with the
// emulator's own encoders.

async function fetchBytes(emulator: Emulator, url: string): Promise<{ bytes: Uint8Array; type: string }> {
  const response = await get(emulator, url);
  expect(response.status).toBe(200);
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    type: response.headers.get('content-type') ?? '',
  };
}

function ascii(bytes: Uint8Array, start: number, length = 4): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** RIFF/WAVE: chunk sizes add up, fmt is PCM, data is whole sample frames. */
function readWav(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(ascii(bytes, 0)).toBe('RIFF');
  expect(view.getUint32(4, true)).toBe(bytes.length - 8);
  expect(ascii(bytes, 8)).toBe('WAVE');
  expect(ascii(bytes, 12)).toBe('fmt ');
  const format = view.getUint16(20, true);
  const channels = view.getUint16(22, true);
  const sampleRate = view.getUint32(24, true);
  const byteRate = view.getUint32(28, true);
  const bits = view.getUint16(34, true);
  expect(byteRate).toBe((sampleRate * channels * bits) / 8);
  expect(ascii(bytes, 36)).toBe('data');
  const dataBytes = view.getUint32(40, true);
  expect(44 + dataBytes).toBe(bytes.length);
  expect(dataBytes % (channels * (bits / 8))).toBe(0);
  let peak = 0;
  for (let i = 44; i < bytes.length; i += 2) peak = Math.max(peak, Math.abs(view.getInt16(i, true)));
  return { format, channels, sampleRate, bits, seconds: dataBytes / byteRate, peak };
}

interface Box {
  type: string;
  start: number;
  end: number;
  children: Box[];
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'dinf']);

function readBoxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  let offset = start;
  while (offset < end) {
    const size = view.getUint32(offset);
    expect(size).toBeGreaterThanOrEqual(8);
    expect(offset + size).toBeLessThanOrEqual(end);
    const type = ascii(bytes, offset + 4);
    boxes.push({
      type,
      start: offset + 8,
      end: offset + size,
      children: CONTAINERS.has(type) ? readBoxes(bytes, offset + 8, offset + size) : [],
    });
    offset += size;
  }
  expect(offset).toBe(end);
  return boxes;
}

function find(boxes: Box[], path: string): Box {
  const [head, ...rest] = path.split('/');
  const box = boxes.find((candidate) => candidate.type === head);
  if (!box) throw new Error(`no ${head} box`);
  return rest.length ? find(box.children, rest.join('/')) : box;
}

/** Exp-Golomb reader over an RBSP (emulation-prevention bytes removed). */
function bitReader(nal: Uint8Array) {
  const rbsp: number[] = [];
  for (let i = 0; i < nal.length; i++) {
    if (i >= 2 && nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
    rbsp.push(nal[i]!);
  }
  let position = 0;
  const bit = () => (rbsp[position >> 3]! >> (7 - (position++ & 7))) & 1;
  const bits = (count: number) => {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + bit();
    return value;
  };
  const ue = () => {
    let zeros = 0;
    while (bit() === 0) zeros++;
    return 2 ** zeros - 1 + bits(zeros);
  };
  return { bit, bits, ue };
}

/** The picture size an H.264 Baseline SPS describes (after cropping). */
function spsSize(sps: Uint8Array) {
  const reader = bitReader(sps.subarray(1));
  const profile = reader.bits(8);
  reader.bits(16); // constraints, level
  reader.ue(); // sps id
  reader.ue(); // log2_max_frame_num_minus4
  const pocType = reader.ue();
  expect(pocType).toBe(2);
  reader.ue(); // max refs
  reader.bit();
  const mbWidth = reader.ue() + 1;
  const mbHeight = reader.ue() + 1;
  expect(reader.bit()).toBe(1); // frame_mbs_only
  reader.bit();
  let [left, right, top, bottom] = [0, 0, 0, 0];
  if (reader.bit()) [left, right, top, bottom] = [reader.ue(), reader.ue(), reader.ue(), reader.ue()];
  return { profile, width: mbWidth * 16 - 2 * (left + right), height: mbHeight * 16 - 2 * (top + bottom) };
}

/** Walks an MP4 down to its samples: boxes nest, sizes match, every sample is one IDR NAL. */
function readMp4(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes = readBoxes(bytes, 0, bytes.length);
  expect(boxes.map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat']);
  expect(ascii(bytes, boxes[0]!.start)).toBe('isom');
  const stbl = find(boxes, 'moov/trak/mdia/minf/stbl');
  const stsd = find(stbl.children, 'stsd');
  const entry = stsd.start + 8;
  expect(ascii(bytes, entry + 4)).toBe('avc1');
  const width = view.getUint16(entry + 8 + 24);
  const height = view.getUint16(entry + 8 + 26);
  const avcC = entry + 8 + 78;
  expect(ascii(bytes, avcC + 4)).toBe('avcC');
  const spsLength = view.getUint16(avcC + 8 + 6);
  const sps = bytes.subarray(avcC + 8 + 8, avcC + 8 + 8 + spsLength);
  expect(sps[0]! & 0x1f).toBe(7);
  const stsz = find(stbl.children, 'stsz');
  const count = view.getUint32(stsz.start + 8);
  const sizes = Array.from({ length: count }, (_, i) => view.getUint32(stsz.start + 12 + i * 4));
  const stco = find(stbl.children, 'stco');
  const chunkOffset = view.getUint32(stco.start + 8);
  const mdat = boxes[2]!;
  expect(chunkOffset).toBe(mdat.start);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(mdat.end - mdat.start);
  let offset = chunkOffset;
  for (const size of sizes) {
    expect(view.getUint32(offset)).toBe(size - 4); // one length-prefixed NAL per sample
    expect(bytes[offset + 4]! & 0x1f).toBe(5); // IDR slice
    offset += size;
  }
  const mdhd = find(boxes, 'moov/trak/mdia/mdhd');
  const timescale = view.getUint32(mdhd.start + 12);
  const duration = view.getUint32(mdhd.start + 16);
  return { width, height, sps: spsSize(sps), frames: count, seconds: duration / timescale };
}

/** PNG: signature, IHDR, and IDAT inflating (Node's zlib) to exactly the filtered rows. */
function readPng(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(ascii(bytes, 12)).toBe('IHDR');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const idat: Uint8Array[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    if (ascii(bytes, offset + 4) === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 3 + 1) * height);
  const pixel = (x: number, y: number) => [...raw.subarray(y * (width * 3 + 1) + 1 + x * 3).subarray(0, 3)];
  return { width, height, pixel };
}

function pngDataUrl(width: number, height: number, rgb: [number, number, number]): string {
  const row = [0, ...Array.from({ length: width }, () => rgb).flat()];
  const raw = Buffer.from(Array.from({ length: height }, () => row).flat());
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    // The emulator's decoder does not check CRCs; a zero CRC keeps this helper dependency-free.
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

describe('fal-ai/minimax/speech-02-hd', () => {
  it('answers {audio: File, duration_ms} with a real 16-bit PCM WAV of the text', async () => {
    const emulator = instant();
    const response = await post(emulator, 'fal.run/fal-ai/minimax/speech-02-hd', {
      text: 'Hello from the emulator',
      voice_setting: { voice_id: 'Wise_Woman', speed: 1 },
      audio_setting: { sample_rate: '16000', channel: '1' },
      output_format: 'url',
    });
    expect(response.status).toBe(200);
    const output = (await response.json()) as {
      audio: { url: string; content_type: string; file_name: string; file_size: number };
      duration_ms: number;
    };
    expect(output.audio.content_type).toBe('audio/wav');
    const file = await fetchBytes(emulator, output.audio.url);
    expect(file.type).toContain('audio/wav');
    expect(file.bytes.length).toBe(output.audio.file_size);
    const wav = readWav(file.bytes);
    expect(wav).toMatchObject({ format: 1, channels: 1, sampleRate: 16000, bits: 16 });
    expect(wav.peak).toBeGreaterThan(1000); // audible, not silence
    expect(Math.round(wav.seconds * 1000)).toBe(output.duration_ms);
    expect(output.duration_ms).toBe(Math.round('Hello from the emulator'.length * 70));
  });

  it('is deterministic, follows speed and channels, and validates like the real app', async () => {
    const emulator = instant();
    const speak = async (input: object) => {
      const output = (await (await post(emulator, 'fal.run/fal-ai/minimax/speech-02-hd', input)).json()) as {
        audio: { url: string };
        duration_ms: number;
      };
      return { ...output, bytes: (await fetchBytes(emulator, output.audio.url)).bytes };
    };
    const a = await speak({ text: 'same words' });
    const b = await speak({ text: 'same words' });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const fast = await speak({
      text: 'same words',
      voice_setting: { speed: 2 },
      audio_setting: { channel: '2' },
    });
    expect(fast.duration_ms).toBe(Math.round(a.duration_ms / 2));
    expect(readWav(fast.bytes).channels).toBe(2);
    for (const bad of [
      {},
      { text: '   ' },
      { text: 'x'.repeat(5001) },
      { text: 'hi', voice_setting: { speed: 9 } },
    ]) {
      const response = await post(emulator, 'fal.run/fal-ai/minimax/speech-02-hd', bad);
      expect(response.status).toBe(422);
    }
  });
});

describe('fal-ai/wizper', () => {
  it('transcribes the speech stand-in with wizper’s shape {text, chunks, languages}', async () => {
    const emulator = instant();
    const speech = (await (
      await post(emulator, 'fal.run/fal-ai/minimax/speech-02-hd', {
        text: 'one two three four five six seven',
      })
    ).json()) as { audio: { url: string }; duration_ms: number };
    const response = await post(emulator, 'queue.fal.run/fal-ai/wizper', {
      audio_url: speech.audio.url,
      task: 'transcribe',
      language: 'en',
      chunk_level: 'segment',
    });
    const queued = (await response.json()) as { response_url: string };
    let result: Response;
    do result = await get(emulator, queued.response_url);
    while (result.status === 400);
    const output = (await result.json()) as {
      text: string;
      chunks: { timestamp: [number, number]; text: string }[];
      languages: string[];
    };
    expect(output.text).toContain(`${(speech.duration_ms / 1000).toFixed(2)} seconds`);
    expect(output.languages).toEqual(['en']);
    expect(output.chunks.at(-1)!.timestamp[1]).toBeCloseTo(speech.duration_ms / 1000, 2);
    const words = (await (
      await post(emulator, 'fal.run/fal-ai/wizper', { audio_url: speech.audio.url, chunk_level: 'word' })
    ).json()) as { text: string; chunks: { text: string }[] };
    expect(words.chunks.map((chunk) => chunk.text.trim())).toEqual(words.text.split(' '));
    expect((await post(emulator, 'fal.run/fal-ai/wizper', {})).status).toBe(422);
  });
});

describe('fal-ai/luma-dream-machine', () => {
  it('returns {video: File}: an MP4 whose boxes, avcC and H.264 SPS agree on size and frames', async () => {
    const emulator = instant();
    const response = await post(emulator, 'queue.fal.run/fal-ai/luma-dream-machine', {
      prompt: 'a lighthouse at dusk',
      aspect_ratio: '4:3',
      loop: true,
    });
    const queued = (await response.json()) as { response_url: string };
    let result: Response;
    do result = await get(emulator, queued.response_url);
    while (result.status === 400);
    const output = (await result.json()) as {
      video: { url: string; content_type: string; file_name: string; file_size: number };
    };
    expect(output.video.content_type).toBe('video/mp4');
    expect(output.video.file_name).toMatch(/\.mp4$/);
    const file = await fetchBytes(emulator, output.video.url);
    expect(file.type).toContain('video/mp4');
    expect(file.bytes.length).toBe(output.video.file_size);
    const mp4 = readMp4(file.bytes);
    expect(mp4).toMatchObject({ width: 96, height: 72, frames: 40, seconds: 5 });
    expect(mp4.sps).toEqual({ profile: 66, width: 96, height: 72 });
  });

  it('is deterministic per prompt and seed and follows aspect ratio and duration', async () => {
    const emulator = instant();
    const video = async (input: object) => {
      const output = (await (await post(emulator, 'fal.run/fal-ai/luma-dream-machine', input)).json()) as {
        video: { url: string };
      };
      return (await fetchBytes(emulator, output.video.url)).bytes;
    };
    const a = await video({ prompt: 'waves', seed: 3 });
    expect(Buffer.from(a).equals(Buffer.from(await video({ prompt: 'waves', seed: 3 })))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(await video({ prompt: 'waves', seed: 4 })))).toBe(false);
    const tall = readMp4(await video({ prompt: 'waves', aspect_ratio: '9:16', duration: '9s' }));
    expect(tall).toMatchObject({ width: 54, height: 96, frames: 72, seconds: 9 });
    expect(tall.sps).toMatchObject({ width: 54, height: 96 });
    expect(
      (await post(emulator, 'fal.run/fal-ai/luma-dream-machine', { prompt: 'x', aspect_ratio: '2:1' }))
        .status,
    ).toBe(422);
    expect((await post(emulator, 'fal.run/fal-ai/luma-dream-machine', {})).status).toBe(422);
  });
});

describe('fal-ai/flux/dev/image-to-image', () => {
  it('reads image_url (a data URL), keeps its size and blends it by strength', async () => {
    const emulator = instant();
    const source = pngDataUrl(40, 30, [200, 10, 10]);
    const run = async (strength: number) => {
      const response = await post(emulator, 'fal.run/fal-ai/flux/dev/image-to-image', {
        prompt: 'a blue bird',
        image_url: source,
        strength,
        seed: 7,
      });
      expect(response.status).toBe(200);
      const output = (await response.json()) as {
        images: { url: string; width: number; height: number; content_type: string }[];
        seed: number;
        prompt: string;
        has_nsfw_concepts: boolean[];
      };
      expect(output).toMatchObject({ seed: 7, prompt: 'a blue bird', has_nsfw_concepts: [false] });
      expect(output.images[0]).toMatchObject({ width: 40, height: 30, content_type: 'image/png' });
      return readPng((await fetchBytes(emulator, output.images[0]!.url)).bytes);
    };
    const untouched = await run(0);
    expect(untouched).toMatchObject({ width: 40, height: 30 });
    expect(untouched.pixel(5, 5)).toEqual([200, 10, 10]);
    const repainted = await run(1);
    expect(repainted.pixel(5, 5)).not.toEqual([200, 10, 10]);
    const half = await run(0.5);
    const expected = repainted.pixel(5, 5).map((value, i) => Math.round(([200, 10, 10][i]! + value) / 2));
    for (const [i, value] of half.pixel(5, 5).entries())
      expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1);
  });

  it('reads image_url from emulator storage, and answers 422 for missing or undecodable images', async () => {
    const emulator = instant();
    const png = Buffer.from(pngDataUrl(16, 16, [0, 255, 0]).split(',')[1]!, 'base64');
    const stored = emulator.storage.put(png, 'image/png', { origin: 'http://emulator.test' });
    const response = await post(emulator, 'fal.run/fal-ai/flux/dev/image-to-image', {
      prompt: 'grass',
      image_url: stored,
      strength: 0,
    });
    const output = (await response.json()) as { images: { url: string }[] };
    expect(readPng((await fetchBytes(emulator, output.images[0]!.url)).bytes).pixel(0, 0)).toEqual([
      0, 255, 0,
    ]);
    const bad = [
      { prompt: 'x' },
      { image_url: stored },
      { prompt: 'x', image_url: 'https://example.com/a.png' },
      { prompt: 'x', image_url: 'data:image/png;base64,AAAA' },
      { prompt: 'x', image_url: stored, strength: 2 },
    ];
    for (const input of bad) {
      expect((await post(emulator, 'fal.run/fal-ai/flux/dev/image-to-image', input)).status).toBe(422);
    }
  });
});
