import { describe, expect, it } from 'vitest';

interface ExampleModule {
  main(options: { log: (line: string) => void; env: Record<string, string | undefined> }): Promise<{
    image: { mediaType: string; uint8Array: Uint8Array };
    audio: { mediaType: string; uint8Array: Uint8Array };
    transcript: { text: string };
  }>;
}

// A path TypeScript does not resolve (the example is plain JS, outside the typed workspace).
const EXAMPLE = new URL('../../examples/ai-sdk/index.mjs', import.meta.url).href;

describe('examples/ai-sdk', () => {
  it('runs against an in-process emulator by default', async () => {
    const { main } = (await import(/* @vite-ignore */ EXAMPLE)) as ExampleModule;
    const lines: string[] = [];
    const { image, audio, transcript } = await main({ log: (line) => lines.push(line), env: {} });
    expect(image.mediaType).toBe('image/png');
    expect(audio.mediaType).toBe('audio/wav');
    expect(transcript.text).toMatch(/^WAV audio, [\d.]+ seconds, 32000 Hz, mono, 16-bit PCM\.$/);
    expect(lines[0]).toMatch(/^emulator at http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.slice(1).map((line) => line.split(':')[0])).toEqual(['image', 'speech', 'transcript']);
  });
});
