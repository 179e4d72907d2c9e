// The Vercel AI SDK against fal, with the falkit emulator standing in for fal by default.
//
//   node index.mjs                       # in-process emulator, nothing leaves the machine
//   FAL_EMULATOR_URL=http://127.0.0.1:8787 node index.mjs   # a running `falkit-emulator --urls real`
//   FAL_KEY=... USE_REAL_FAL=1 node index.mjs                # the real fal.ai (billed)
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createFal } from '@ai-sdk/fal';
import { generateImage, generateSpeech, transcribe } from 'ai';

/**
 * A fetch that sends `https://{fal host}/…` to `{origin}/{fal host}/…`. The emulator must answer
 * real-form URLs (`urls: 'real'` / `--urls real`): the AI SDK refuses to download from 127.0.0.1.
 */
export function falHostsFetch(origin) {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const mapped = url.replace(/^https:\/\/([a-z0-9.-]*fal\.(?:run|ai|media))\//, `${origin}/$1/`);
    return fetch(input instanceof Request ? new Request(mapped, input) : mapped, init);
  };
}

/** Generates an image, speaks a sentence and transcribes it; returns what it made. */
export async function main({ log = console.log, env = process.env, outDir } = {}) {
  let stop = async () => {};
  let fal;
  if (env.USE_REAL_FAL === '1') {
    fal = createFal({ apiKey: env.FAL_KEY });
  } else if (env.FAL_EMULATOR_URL) {
    fal = createFal({ apiKey: 'emulator', fetch: falHostsFetch(env.FAL_EMULATOR_URL) });
  } else {
    const { createEmulator } = await import('@falkit/emulator');
    const emulator = createEmulator({ speed: 0, urls: 'real' });
    const server = await emulator.listen();
    stop = () => emulator.close();
    fal = createFal({ apiKey: 'emulator', fetch: falHostsFetch(server.url) });
    log(`emulator at ${server.url}`);
  }
  try {
    const { image } = await generateImage({
      model: fal.image('fal-ai/flux/dev'),
      prompt: 'a lighthouse at dusk, watercolor',
      size: '512x384',
      seed: 7,
    });
    log(`image: ${image.mediaType}, ${image.uint8Array.length} bytes`);

    const { audio } = await generateSpeech({
      model: fal.speech('fal-ai/minimax/speech-02-hd'),
      text: 'The lighthouse keeps watch over the bay.',
    });
    log(`speech: ${audio.mediaType}, ${audio.uint8Array.length} bytes`);

    const transcript = await transcribe({ model: fal.transcription('wizper'), audio: audio.uint8Array });
    log(`transcript: ${transcript.text}`);

    if (outDir) {
      await writeFile(`${outDir}/image.${image.mediaType.split('/')[1]}`, image.uint8Array);
      await writeFile(
        `${outDir}/speech.${audio.mediaType === 'audio/wav' ? 'wav' : 'mp3'}`,
        audio.uint8Array,
      );
    }
    return { image, audio, transcript };
  } finally {
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main({ outDir: process.cwd() }).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
