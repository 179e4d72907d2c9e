import { type AppContext, type AppHandler, inputError, isRecord, missingField } from './appTypes.js';
import { paintImage } from './imagePainter.js';
import { encodePng } from './pngEncoder.js';

/** fal's named sizes (the same table for fast-sdxl and flux). */
export const IMAGE_SIZE_PRESETS: Record<string, { width: number; height: number }> = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
};

const MAX_SIDE = 4096;

export interface ImageAppSpec {
  defaultSize: keyof typeof IMAGE_SIZE_PRESETS;
  defaultSteps: number;
  maxImages: number;
  /** Simulated time per inference step, before the emulator's speed multiplier. */
  stepMs: number;
}

interface ImageInput {
  prompt: string;
  width: number;
  height: number;
  numImages: number;
  seed: number;
  steps: number;
}

function readSize(value: unknown, fallback: string): { width: number; height: number } {
  if (value === undefined || value === null) return IMAGE_SIZE_PRESETS[fallback]!;
  if (typeof value === 'string') {
    const preset = IMAGE_SIZE_PRESETS[value];
    if (preset) return preset;
    throw inputError([
      {
        loc: ['body', 'image_size'],
        msg: `value is not a valid enumeration member; permitted: ${Object.keys(IMAGE_SIZE_PRESETS)
          .map((name) => `'${name}'`)
          .join(', ')}`,
        type: 'type_error.enum',
      },
    ]);
  }
  if (isRecord(value)) {
    const { width, height } = value;
    for (const [name, side] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (!Number.isInteger(side) || (side as number) < 1 || (side as number) > MAX_SIDE) {
        throw inputError([
          {
            loc: ['body', 'image_size', name],
            msg: `ensure this value is an integer between 1 and ${MAX_SIDE}`,
            type: 'value_error.number',
          },
        ]);
      }
    }
    return { width: width as number, height: height as number };
  }
  throw inputError([
    { loc: ['body', 'image_size'], msg: 'value is not a valid image size', type: 'type_error' },
  ]);
}

export function readIntegerField(
  input: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = input[name];
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw inputError([
      {
        loc: ['body', name],
        msg: `ensure this value is an integer between ${min} and ${max}`,
        type: 'value_error.number',
      },
    ]);
  }
  return value as number;
}

function readImageInput(raw: unknown, spec: ImageAppSpec): ImageInput {
  const input = isRecord(raw) ? raw : {};
  if (input.prompt === undefined || input.prompt === null) throw missingField('prompt');
  if (typeof input.prompt !== 'string') {
    throw inputError([{ loc: ['body', 'prompt'], msg: 'str type expected', type: 'type_error.str' }]);
  }
  const { width, height } = readSize(input.image_size, spec.defaultSize);
  return {
    prompt: input.prompt,
    width,
    height,
    numImages: readIntegerField(input, 'num_images', 1, 1, spec.maxImages),
    seed: readIntegerField(input, 'seed', Math.floor(Math.random() * 2 ** 31), 0, 2 ** 53),
    steps: readIntegerField(input, 'num_inference_steps', spec.defaultSteps, 1, 100),
  };
}

/**
 * A text-to-image stand-in: validates like the real app, "denoises" for `num_inference_steps`
 * steps (one log line each), then draws real PNGs from the prompt and seed into emulator storage.
 */
export function createImageApp(spec: ImageAppSpec): AppHandler {
  return async (context: AppContext) => {
    const input = readImageInput(context.input, spec);
    const started = Date.now();
    context.log(
      `Generating ${input.numImages} image(s) of ${input.width}x${input.height} (seed ${input.seed})`,
    );
    for (let step = 1; step <= input.steps; step++) {
      await context.sleep(spec.stepMs);
      context.log(`Step ${step}/${input.steps}`);
    }
    const images = [];
    for (let index = 0; index < input.numImages; index++) {
      const pixels = paintImage(input.width, input.height, input.prompt, input.seed + index);
      const png = await encodePng(input.width, input.height, pixels);
      context.signal.throwIfAborted();
      const url = context.upload(png, 'image/png', `${context.requestId}-${index}.png`);
      images.push({ url, width: input.width, height: input.height, content_type: 'image/png' });
    }
    return {
      images,
      timings: { inference: (Date.now() - started) / 1000 },
      seed: input.seed,
      has_nsfw_concepts: images.map(() => false),
      prompt: input.prompt,
    };
  };
}

export const fastSdxlApp = createImageApp({
  defaultSize: 'square_hd',
  defaultSteps: 25,
  maxImages: 8,
  stepMs: 40,
});
export const fluxDevApp = createImageApp({
  defaultSize: 'landscape_4_3',
  defaultSteps: 28,
  maxImages: 4,
  stepMs: 60,
});
export const fluxSchnellApp = createImageApp({
  defaultSize: 'landscape_4_3',
  defaultSteps: 4,
  maxImages: 4,
  stepMs: 60,
});
