import { createFal } from '@ai-sdk/fal';
import { experimental_generateVideo as generateVideo, generateImage, generateSpeech, transcribe } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { wavBytes } from '../e2e/wav.js';
import { falHostsFetch } from './falHostsFetch.js';

// The Vercel AI SDK (`ai` 7.0.99 + `@ai-sdk/fal` 3.0.41), unmodified, against the emulator: its only
// configuration is the API key and a fetch that maps fal hosts to the emulator.

let emulator: Emulator;
let server: ListeningEmulator;
let fal: ReturnType<typeof createFal>;

beforeAll(async () => {
  emulator = createEmulator({ speed: 0, key: 'test-key', urls: 'real' });
  server = await emulator.listen();
  fal = createFal({ apiKey: 'test-key', fetch: falHostsFetch(server.url) });
});

afterAll(async () => {
  await emulator.close();
});

describe('Vercel AI SDK against the emulator (file URLs in real form)', () => {
  it('generateImage with fal-ai/flux/dev returns decodable PNGs', async () => {
    const { images, providerMetadata } = await generateImage({
      model: fal.image('fal-ai/flux/dev'),
      prompt: 'a lighthouse at dusk',
      size: '64x48',
      seed: 42,
      n: 2,
    });
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.mediaType).toBe('image/png');
      expect([...image.uint8Array.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(Buffer.from(image.uint8Array).readUInt32BE(16)).toBe(64); // IHDR width
      expect(Buffer.from(image.uint8Array).readUInt32BE(20)).toBe(48);
    }
    expect(providerMetadata.fal).toMatchObject({
      images: [
        { width: 64, height: 48 },
        { width: 64, height: 48 },
      ],
    });
    const submitted = emulator.requests().find((entry) => entry.host === 'fal.run');
    expect(submitted?.path).toBe('/fal-ai/flux/dev');
  });

  it('generateSpeech with fal-ai/minimax/speech-02-hd returns the WAV bytes', async () => {
    const { audio } = await generateSpeech({
      model: fal.speech('fal-ai/minimax/speech-02-hd'),
      text: 'Hello from the falkit emulator',
      voice: 'Wise_Woman',
    });
    const bytes = Buffer.from(audio.uint8Array);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
    expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
    expect(audio.mediaType).toBe('audio/wav');
  });

  it('transcribe with wizper reads the audio the SDK sends as a data URL', async () => {
    const result = await transcribe({
      model: fal.transcription('wizper'),
      audio: wavBytes(6.5),
    });
    expect(result.text).toBe('WAV audio, 6.50 seconds, 16000 Hz, mono, 16-bit PCM.');
    expect(result.segments.length).toBeGreaterThan(1);
    expect(result.durationInSeconds).toBeCloseTo(6.5, 2);
    const submit = emulator.requests().find((entry) => entry.path === '/fal-ai/wizper');
    expect(submit?.host).toBe('queue.fal.run');
  });

  it('speech → transcription round trip through the stand-ins', async () => {
    const { audio } = await generateSpeech({
      model: fal.speech('fal-ai/minimax/speech-02-hd'),
      text: 'one two three',
    });
    const { text } = await transcribe({ model: fal.transcription('wizper'), audio: audio.uint8Array });
    expect(text).toMatch(/^WAV audio, 0\.91 seconds, 32000 Hz, mono, 16-bit PCM\.$/);
  });

  it('experimental_generateVideo with luma-dream-machine polls the queue and downloads an MP4', async () => {
    const mapped = falHostsFetch(server.url);
    const { video } = await generateVideo({
      model: fal.video('luma-dream-machine'),
      prompt: 'waves on a beach',
      aspectRatio: '16:9',
      poll: { intervalMs: 1 },
      // The SDK downloads videos with the global fetch; route it to the emulator too.
      download: async ({ url }) => {
        const response = await mapped(url.href);
        return {
          data: new Uint8Array(await response.arrayBuffer()),
          mediaType: response.headers.get('content-type') ?? undefined,
        };
      },
    });
    const bytes = Buffer.from(video.uint8Array);
    expect(bytes.toString('ascii', 4, 8)).toBe('ftyp');
    expect(bytes.indexOf('moov')).toBeGreaterThan(0);
    expect(bytes.indexOf('avcC')).toBeGreaterThan(0);
  });

  it('the default (emulator) URL form is what the SDK refuses: loopback downloads', async () => {
    const plain = await emulator.listen({ urls: 'emulator' });
    const direct = createFal({ apiKey: 'test-key', fetch: falHostsFetch(plain.url) });
    await expect(
      generateImage({ model: direct.image('fal-ai/flux/dev'), prompt: 'x', size: '16x16' }),
    ).rejects.toThrow(/URL with IP address 127\.0\.0\.1 is not allowed/);
    await plain.close();
  });

  it('a wrong key fails the way fal fails', async () => {
    const wrong = createFal({ apiKey: 'nope', fetch: falHostsFetch(server.url) });
    await expect(
      generateImage({ model: wrong.image('fal-ai/flux/dev'), prompt: 'x', size: '16x16' }),
    ).rejects.toMatchObject({ statusCode: 401 });
  });
});
