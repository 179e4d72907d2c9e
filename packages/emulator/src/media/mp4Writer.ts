/** A minimal ISO-BMFF (MP4) writer: one H.264 video track, `moov` before `mdat` (fast start). */
import type { H264Stream } from './h264Pcm.js';

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function u8(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function u16(value: number): Uint8Array {
  return u8((value >>> 8) & 0xff, value & 0xff);
}

function u32(value: number): Uint8Array {
  return u8((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const body = concat(payload);
  return concat([u32(8 + body.length), ascii(type), body]);
}

function fullBox(type: string, version: number, flags: number, ...payload: Uint8Array[]): Uint8Array {
  return box(type, u32((version << 24) | flags), ...payload);
}

const MATRIX = concat([
  u32(0x10000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x10000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x40000000),
]);

export interface Mp4VideoOptions {
  width: number;
  height: number;
  fps: number;
}

/** Wraps an H.264 stream as a playable `.mp4` (avc1 with avcC, length-prefixed samples). */
export function writeMp4(stream: H264Stream, { width, height, fps }: Mp4VideoOptions): Uint8Array {
  const samples = stream.frames.map((frame) => concat([u32(frame.length), frame]));
  const count = samples.length;
  const durationMs = Math.round((count * 1000) / fps);
  const sps = stream.sps;
  const avcC = box(
    'avcC',
    u8(1, sps[1]!, sps[2]!, sps[3]!, 0xff, 0xe1),
    u16(sps.length),
    sps,
    u8(1),
    u16(stream.pps.length),
    stream.pps,
  );
  const avc1 = box(
    'avc1',
    new Uint8Array(6),
    u16(1), // data_reference_index
    new Uint8Array(16),
    u16(width),
    u16(height),
    u32(0x00480000),
    u32(0x00480000),
    u32(0),
    u16(1), // frame_count
    new Uint8Array(32), // compressorname
    u16(0x18),
    u16(0xffff),
    avcC,
  );
  const moovFor = (chunkOffset: number) =>
    box(
      'moov',
      fullBox(
        'mvhd',
        0,
        0,
        u32(0),
        u32(0),
        u32(1000),
        u32(durationMs),
        u32(0x10000),
        u16(0x100),
        new Uint8Array(10),
        MATRIX,
        new Uint8Array(24),
        u32(2),
      ),
      box(
        'trak',
        fullBox(
          'tkhd',
          0,
          3,
          u32(0),
          u32(0),
          u32(1),
          u32(0),
          u32(durationMs),
          new Uint8Array(8),
          u16(0),
          u16(0),
          u16(0),
          u16(0),
          MATRIX,
          u32(width << 16),
          u32(height << 16),
        ),
        box(
          'mdia',
          fullBox('mdhd', 0, 0, u32(0), u32(0), u32(fps), u32(count), u16(0x55c4), u16(0)),
          fullBox('hdlr', 0, 0, u32(0), ascii('vide'), new Uint8Array(12), ascii('VideoHandler\0')),
          box(
            'minf',
            fullBox('vmhd', 0, 1, new Uint8Array(8)),
            box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
            box(
              'stbl',
              fullBox('stsd', 0, 0, u32(1), avc1),
              fullBox('stts', 0, 0, u32(1), u32(count), u32(1)),
              fullBox('stsc', 0, 0, u32(1), u32(1), u32(count), u32(1)),
              fullBox('stsz', 0, 0, u32(0), u32(count), ...samples.map((sample) => u32(sample.length))),
              fullBox('stco', 0, 0, u32(1), u32(chunkOffset)),
            ),
          ),
        ),
      ),
    );
  const ftyp = box('ftyp', ascii('isom'), u32(0x200), ascii('isomiso2avc1mp41'));
  const moovSize = moovFor(0).length;
  const mdat = box('mdat', ...samples);
  return concat([ftyp, moovFor(ftyp.length + moovSize + 8), mdat]);
}
