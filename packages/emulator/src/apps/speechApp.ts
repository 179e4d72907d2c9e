import { encodeWav } from '../media/wavEncoder.js';
import { type AppHandler, inputError, isRecord, missingField } from './appTypes.js';

const MAX_CHARACTERS = 5000;
const SAMPLE_RATES = ['8000', '16000', '22050', '24000', '32000', '44100'];
/** Seconds each character lasts at speed 1. */
const CHARACTER_SECONDS = 0.07;

function invalid(loc: string[], msg: string, type = 'value_error'): never {
  throw inputError([{ loc: ['body', ...loc], msg, type }]);
}

function numberIn(
  settings: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = settings[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    invalid(['voice_setting', name], `ensure this value is between ${min} and ${max}`, 'value_error.number');
  }
  return value;
}

/**
 * Deterministic "speech": each letter is a short tone whose pitch comes from the letter (and the
 * voice), spaces and punctuation are pauses. Same text and settings, same bytes.
 */
function synthesize(
  text: string,
  options: {
    sampleRate: number;
    channels: number;
    speed: number;
    volume: number;
    pitch: number;
    voice: string;
  },
): Int16Array {
  const perCharacter = Math.max(1, Math.round((CHARACTER_SECONDS / options.speed) * options.sampleRate));
  const frames = perCharacter * text.length;
  const samples = new Int16Array(frames * options.channels);
  const voiceShift = [...options.voice].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 60;
  const amplitude = Math.min(1, 0.3 * options.volume) * 32767;
  for (let index = 0; index < text.length; index++) {
    const code = text.toLowerCase().charCodeAt(index);
    const voiced = /[\p{L}\p{N}]/u.test(text[index]!);
    if (!voiced) continue;
    const frequency = (140 + voiceShift + (code % 32) * 9) * 2 ** (options.pitch / 12);
    for (let n = 0; n < perCharacter; n++) {
      const envelope = Math.sin((Math.PI * n) / perCharacter);
      const t = n / options.sampleRate;
      const value = Math.round(
        amplitude *
          envelope *
          (0.7 * Math.sin(2 * Math.PI * frequency * t) + 0.3 * Math.sin(4 * Math.PI * frequency * t)),
      );
      const frame = index * perCharacter + n;
      for (let channel = 0; channel < options.channels; channel++)
        samples[frame * options.channels + channel] = value;
    }
  }
  return samples;
}

/**
 * `fal-ai/minimax/speech-02-hd`: `text` (required, 1–5000 characters), `voice_setting`
 * ({voice_id, speed 0.5–2, vol 0–10, pitch −12–12}), `audio_setting` ({sample_rate, channel}),
 * `output_format`. Returns `{audio: {url, content_type: "audio/wav", file_name, file_size},
 * duration_ms}`: a 16-bit PCM WAV of one tone per letter (the real app's default is MP3; the
 * emulator always answers WAV, which every decoder reads).
 */
export const minimaxSpeechApp: AppHandler = async (context) => {
  const input = isRecord(context.input) ? context.input : {};
  if (input.text === undefined || input.text === null) throw missingField('text');
  if (typeof input.text !== 'string') invalid(['text'], 'str type expected', 'type_error.str');
  const text = input.text;
  if (text.trim() === '') invalid(['text'], 'Text must contain at least one non-whitespace character');
  if (text.length > MAX_CHARACTERS) {
    invalid(
      ['text'],
      `ensure this value has at most ${MAX_CHARACTERS} characters`,
      'value_error.any_str.max_length',
    );
  }
  if (input.output_format !== undefined && input.output_format !== 'url' && input.output_format !== 'hex') {
    invalid(
      ['output_format'],
      "value is not a valid enumeration member; permitted: 'url', 'hex'",
      'type_error.enum',
    );
  }
  const voiceSetting = isRecord(input.voice_setting) ? input.voice_setting : {};
  const audioSetting = isRecord(input.audio_setting) ? input.audio_setting : {};
  const sampleRate = String(audioSetting.sample_rate ?? '32000');
  if (!SAMPLE_RATES.includes(sampleRate)) {
    invalid(
      ['audio_setting', 'sample_rate'],
      `value is not a valid enumeration member; permitted: ${SAMPLE_RATES.join(', ')}`,
      'type_error.enum',
    );
  }
  const channel = String(audioSetting.channel ?? '1');
  if (channel !== '1' && channel !== '2') {
    invalid(
      ['audio_setting', 'channel'],
      "value is not a valid enumeration member; permitted: '1', '2'",
      'type_error.enum',
    );
  }
  const voice = typeof voiceSetting.voice_id === 'string' ? voiceSetting.voice_id : 'Wise_Woman';
  const options = {
    sampleRate: Number(sampleRate),
    channels: Number(channel),
    speed: numberIn(voiceSetting, 'speed', 1, 0.5, 2),
    volume: numberIn(voiceSetting, 'vol', 1, 0, 10),
    pitch: numberIn(voiceSetting, 'pitch', 0, -12, 12),
    voice,
  };
  context.log(`Synthesizing ${text.length} characters with voice ${voice}`);
  await context.sleep(Math.min(3000, 300 + text.length * 5));
  const wav = encodeWav(synthesize(text, options), options.sampleRate, options.channels);
  context.signal.throwIfAborted();
  const frames = (wav.length - 44) / 2 / options.channels;
  const durationMs = Math.round((frames / options.sampleRate) * 1000);
  context.log(`Synthesized ${(durationMs / 1000).toFixed(2)} seconds of audio`);
  const fileName = `${context.requestId}.wav`;
  const url = context.upload(wav, 'audio/wav', fileName);
  return {
    audio: { url, content_type: 'audio/wav', file_name: fileName, file_size: wav.length },
    duration_ms: durationMs,
  };
};
