import { encodeH264Pcm, rgbToYuvFrame } from '../media/h264Pcm.js';
import { writeMp4 } from '../media/mp4Writer.js';
import { type AppHandler, inputError, isRecord, missingField } from './appTypes.js';
import { hashString, paintImage } from './imagePainter.js';

/** Luma's aspect ratios, drawn small: the video is raw (I_PCM) H.264, so pixels cost bytes. */
export const VIDEO_SIZES: Record<string, { width: number; height: number }> = {
  '16:9': { width: 96, height: 54 },
  '9:16': { width: 54, height: 96 },
  '4:3': { width: 96, height: 72 },
  '3:4': { width: 72, height: 96 },
  '21:9': { width: 112, height: 48 },
  '9:21': { width: 48, height: 112 },
};

const DURATIONS: Record<string, number> = { '5s': 5, '9s': 9 };
export const VIDEO_FPS = 8;

function readEnum(input: Record<string, unknown>, name: string, allowed: string[], fallback: string): string {
  const value = input[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && allowed.includes(value)) return value;
  throw inputError([
    {
      loc: ['body', name],
      msg: `value is not a valid enumeration member; permitted: ${allowed.map((v) => `'${v}'`).join(', ')}`,
      type: 'type_error.enum',
    },
  ]);
}

/** One frame: the prompt's picture scrolled sideways by `shift` pixels (wrapping around). */
function scrolled(base: Uint8Array, width: number, height: number, shift: number): Uint8Array {
  const out = new Uint8Array(base.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + ((x + shift) % width)) * 3;
      const to = (y * width + x) * 3;
      out[to] = base[from]!;
      out[to + 1] = base[from + 1]!;
      out[to + 2] = base[from + 2]!;
    }
  }
  return out;
}

/**
 * `fal-ai/luma-dream-machine`: `prompt` (required), `aspect_ratio` (default 16:9), `loop`, and
 * `duration` ("5s" | "9s", as Luma's Ray 2). Returns `{video: {url, content_type, file_name,
 * file_size}}`: an MP4 (H.264 Baseline, 8 fps) of the prompt's picture scrolling sideways; with
 * `loop` it scrolls exactly one width so the last frame meets the first. Same prompt and seed, same bytes.
 */
export const lumaDreamMachineApp: AppHandler = async (context) => {
  const input = isRecord(context.input) ? context.input : {};
  if (input.prompt === undefined || input.prompt === null) throw missingField('prompt');
  if (typeof input.prompt !== 'string') {
    throw inputError([{ loc: ['body', 'prompt'], msg: 'str type expected', type: 'type_error.str' }]);
  }
  const aspect = readEnum(input, 'aspect_ratio', Object.keys(VIDEO_SIZES), '16:9');
  const duration = readEnum(input, 'duration', Object.keys(DURATIONS), '5s');
  const loop = input.loop === true;
  const seed = Number.isInteger(input.seed) ? (input.seed as number) : hashString(input.prompt);
  const { width, height } = VIDEO_SIZES[aspect]!;
  const frameCount = DURATIONS[duration]! * VIDEO_FPS;
  context.log(`Generating a ${duration} ${aspect} video (${width}x${height}, ${VIDEO_FPS} fps)`);
  const base = paintImage(width, height, input.prompt, seed);
  const frames = [];
  for (let index = 0; index < frameCount; index++) {
    if (index % VIDEO_FPS === 0) {
      await context.sleep(400);
      context.log(`Rendered ${index / VIDEO_FPS}s of ${DURATIONS[duration]}s`);
    }
    const travel = loop ? width : Math.round(width / 2);
    const shift = Math.round((index * travel) / frameCount);
    frames.push(rgbToYuvFrame(width, height, scrolled(base, width, height, shift)));
  }
  const mp4 = writeMp4(encodeH264Pcm(width, height, frames), { width, height, fps: VIDEO_FPS });
  context.signal.throwIfAborted();
  const fileName = `${context.requestId}.mp4`;
  const url = context.upload(mp4, 'video/mp4', fileName);
  return { video: { url, content_type: 'video/mp4', file_name: fileName, file_size: mp4.length } };
};
