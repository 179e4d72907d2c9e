import { describe, expect, it } from 'vitest';
import { instant, post } from './helpers.js';

/** A 0.1 s silent 8 kHz mono WAV as a data URL. */
function silence(): string {
  const samples = 800;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  return `data:audio/wav;base64,${Buffer.from(bytes).toString('base64')}`;
}

describe('whisper language', () => {
  it('reports the requested language, English by default', async () => {
    const emulator = instant();
    const french = await post(emulator, 'fal.run/fal-ai/whisper', { audio_url: silence(), language: 'fr' });
    expect(((await french.json()) as { inferred_languages: string[] }).inferred_languages).toEqual(['fr']);
    const plain = await post(emulator, 'fal.run/fal-ai/whisper', { audio_url: silence() });
    expect(((await plain.json()) as { inferred_languages: string[] }).inferred_languages).toEqual(['en']);
  });

  it('answers 422 for a language whisper does not know, as fal does', async () => {
    const emulator = instant();
    const response = await post(emulator, 'fal.run/fal-ai/whisper', { audio_url: silence(), language: 'xx' });
    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { loc: string[]; type: string }[] };
    expect(detail[0]).toMatchObject({ loc: ['body', 'language'], type: 'type_error.enum' });
  });
});
