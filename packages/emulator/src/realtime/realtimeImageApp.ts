import { type AppContext, inputError, isRecord, missingField } from '../apps/appTypes.js';
import { IMAGE_SIZE_PRESETS } from '../apps/imageApps.js';
import { paintImage } from '../apps/imagePainter.js';
import { encodePng } from '../apps/pngEncoder.js';
import type { RealtimeHandler } from './realtimeTypes.js';

const MAX_SIDE = 1024;
/** Simulated time per denoising step (before the emulator's speed multiplier). */
const STEP_MS = 15;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function readSize(value: unknown): { width: number; height: number } {
  if (value === undefined || value === null) return IMAGE_SIZE_PRESETS.square!;
  if (typeof value === 'string' && IMAGE_SIZE_PRESETS[value]) {
    const preset = IMAGE_SIZE_PRESETS[value]!;
    const scale = Math.min(1, MAX_SIDE / Math.max(preset.width, preset.height));
    return { width: Math.round(preset.width * scale), height: Math.round(preset.height * scale) };
  }
  if (isRecord(value)) {
    const { width, height } = value;
    if (
      Number.isInteger(width) &&
      Number.isInteger(height) &&
      (width as number) >= 1 &&
      (height as number) >= 1 &&
      (width as number) <= MAX_SIDE &&
      (height as number) <= MAX_SIDE
    ) {
      return { width: width as number, height: height as number };
    }
  }
  throw inputError([
    {
      loc: ['body', 'image_size'],
      msg: `must be a preset or {width, height} up to ${MAX_SIDE}`,
      type: 'value_error',
    },
  ]);
}

/**
 * A realtime text-to-image stand-in in the style of `fal-ai/fast-lcm-diffusion`: a few fast steps,
 * one PNG per input drawn from prompt and seed. `sync_mode: true` returns the image as a data URL
 * (what realtime UIs use), otherwise as an emulator storage URL.
 */
export const realtimeImageApp: RealtimeHandler = async (context: AppContext) => {
  const input = isRecord(context.input) ? context.input : {};
  if (input.prompt === undefined || input.prompt === null) throw missingField('prompt');
  if (typeof input.prompt !== 'string') {
    throw inputError([{ loc: ['body', 'prompt'], msg: 'str type expected', type: 'type_error.str' }]);
  }
  const { width, height } = readSize(input.image_size);
  const steps =
    Number.isInteger(input.num_inference_steps) && (input.num_inference_steps as number) > 0
      ? Math.min(input.num_inference_steps as number, 16)
      : 4;
  const seed = Number.isInteger(input.seed) ? (input.seed as number) : Math.floor(Math.random() * 2 ** 31);
  const started = Date.now();
  for (let step = 0; step < steps; step++) await context.sleep(STEP_MS);
  const png = await encodePng(width, height, paintImage(width, height, input.prompt, seed));
  context.signal.throwIfAborted();
  const url =
    input.sync_mode === true
      ? `data:image/png;base64,${toBase64(png)}`
      : context.upload(png, 'image/png', `${context.requestId}.png`);
  return {
    images: [{ url, width, height, content_type: 'image/png' }],
    timings: { inference: (Date.now() - started) / 1000 },
    seed,
    has_nsfw_concepts: [false],
    prompt: input.prompt,
  };
};

/** Apps that answer realtime connections with {@link realtimeImageApp}. */
export const REALTIME_IMAGE_APP_IDS = [
  'fal-ai/fast-lcm-diffusion',
  'fal-ai/fast-sdxl',
  'fal-ai/fast-turbo-diffusion',
];
