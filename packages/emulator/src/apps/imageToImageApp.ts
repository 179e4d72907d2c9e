import { decodePng } from '../media/pngDecoder.js';
import { type AppHandler, inputError, isRecord, missingField } from './appTypes.js';
import { readIntegerField } from './imageApps.js';
import { paintImage } from './imagePainter.js';
import { encodePng } from './pngEncoder.js';

const MAX_SIDE = 2048;

function imageError(msg: string, type: string, input?: string): never {
  throw inputError([{ loc: ['body', 'image_url'], msg, type, ...(input !== undefined && { input }) }]);
}

/** Nearest-neighbour resize, so outputs stay within MAX_SIDE. */
function resize(
  rgb: Uint8Array,
  width: number,
  height: number,
  toWidth: number,
  toHeight: number,
): Uint8Array {
  if (width === toWidth && height === toHeight) return rgb;
  const out = new Uint8Array(toWidth * toHeight * 3);
  for (let y = 0; y < toHeight; y++) {
    const fromY = Math.floor((y * height) / toHeight);
    for (let x = 0; x < toWidth; x++) {
      const from = (fromY * width + Math.floor((x * width) / toWidth)) * 3;
      out.set(rgb.subarray(from, from + 3), (y * toWidth + x) * 3);
    }
  }
  return out;
}

/**
 * `fal-ai/flux/dev/image-to-image`: reads `image_url` (a `data:` URL or a file in emulator storage;
 * PNG), and blends it with the prompt's picture by `strength` (default 0.95): 0 returns the input,
 * 1 ignores it. The output keeps the input's size (scaled down to 2048 px at most). `prompt` is
 * required; `num_images` 1–4, `seed`, `num_inference_steps` (default 40, one log line each).
 */
export const fluxDevImageToImageApp: AppHandler = async (context) => {
  const input = isRecord(context.input) ? context.input : {};
  if (input.prompt === undefined || input.prompt === null) throw missingField('prompt');
  if (typeof input.prompt !== 'string') {
    throw inputError([{ loc: ['body', 'prompt'], msg: 'str type expected', type: 'type_error.str' }]);
  }
  if (input.image_url === undefined || input.image_url === null) throw missingField('image_url');
  if (typeof input.image_url !== 'string') imageError('str type expected', 'type_error.str');
  const strength = input.strength ?? 0.95;
  if (typeof strength !== 'number' || !(strength >= 0 && strength <= 1)) {
    throw inputError([
      { loc: ['body', 'strength'], msg: 'ensure this value is between 0 and 1', type: 'value_error.number' },
    ]);
  }
  const numImages = readIntegerField(input, 'num_images', 1, 1, 4);
  const seed = readIntegerField(input, 'seed', Math.floor(Math.random() * 2 ** 31), 0, 2 ** 53);
  const steps = readIntegerField(input, 'num_inference_steps', 40, 1, 50);
  const file = await context.readFile(input.image_url);
  if (!file) {
    imageError(
      'Failed to download the file. Please check if the URL is accessible (the emulator reads data: URLs and its own storage).',
      'file_download_error',
      input.image_url,
    );
  }
  const source = await decodePng(file.bytes);
  if (!source) {
    imageError(
      `Unsupported or corrupt image (${file.contentType}): the emulator's image-to-image reads 8-bit PNGs`,
      'image_load_error',
    );
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const base = resize(source.rgb, source.width, source.height, width, height);
  const started = Date.now();
  context.log(`Loaded a ${source.width}x${source.height} image; strength ${strength}, seed ${seed}`);
  for (let step = 1; step <= Math.ceil(steps * strength); step++) {
    await context.sleep(50);
    context.log(`Step ${step}/${Math.ceil(steps * strength)}`);
  }
  const images = [];
  for (let index = 0; index < numImages; index++) {
    const painted = paintImage(width, height, input.prompt, seed + index);
    const blended = new Uint8Array(painted.length);
    for (let i = 0; i < painted.length; i++) {
      blended[i] = Math.round(base[i]! * (1 - strength) + painted[i]! * strength);
    }
    const png = await encodePng(width, height, blended);
    context.signal.throwIfAborted();
    const url = context.upload(png, 'image/png', `${context.requestId}-${index}.png`);
    images.push({ url, width, height, content_type: 'image/png' });
  }
  return {
    images,
    timings: { inference: (Date.now() - started) / 1000 },
    seed,
    has_nsfw_concepts: images.map(() => false),
    prompt: input.prompt,
  };
};
