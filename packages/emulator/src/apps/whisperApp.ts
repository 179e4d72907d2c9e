import { type AppContext, type AppHandler, inputError, isRecord, missingField } from './appTypes.js';
import { type WavInfo, readWavHeader } from './wavHeader.js';

const CHUNK_SECONDS = 5;

const FORMAT_NAMES: Record<number, string> = {
  1: 'PCM',
  3: 'IEEE float',
  6: 'A-law',
  7: 'μ-law',
  65534: 'extensible',
};

function describe(info: WavInfo): string {
  const channels =
    info.channels === 1 ? 'mono' : info.channels === 2 ? 'stereo' : `${info.channels} channels`;
  const format = FORMAT_NAMES[info.format] ?? `format ${info.format}`;
  return `WAV audio, ${info.durationSeconds.toFixed(2)} seconds, ${info.sampleRate} Hz, ${channels}, ${info.bitsPerSample}-bit ${format}.`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Reads `audio_url` (a `data:` URL or a file in emulator storage) as WAV; 422s as fal's apps answer. */
async function loadWav(context: AppContext, input: Record<string, unknown>): Promise<WavInfo> {
  const audioUrl = input.audio_url;
  if (audioUrl === undefined || audioUrl === null) throw missingField('audio_url');
  if (typeof audioUrl !== 'string') {
    throw inputError([{ loc: ['body', 'audio_url'], msg: 'str type expected', type: 'type_error.str' }]);
  }
  const file = await context.readFile(audioUrl);
  if (!file) {
    throw inputError([
      {
        loc: ['body', 'audio_url'],
        msg: 'Failed to download the file. Please check if the URL is accessible (the emulator reads data: URLs and its own storage).',
        type: 'file_download_error',
        input: audioUrl,
      },
    ]);
  }
  const info = readWavHeader(file.bytes);
  if (!info) {
    throw inputError([
      {
        loc: ['body', 'audio_url'],
        msg: `Unsupported or corrupt audio (${file.contentType}): the emulator's whisper reads RIFF/WAVE files`,
        type: 'audio_decode_error',
      },
    ]);
  }
  context.log(`Loaded ${describe(info)}`);
  await context.sleep(Math.min(3000, 200 + info.durationSeconds * 100));
  context.log('Transcription finished');
  return info;
}

interface Chunk {
  timestamp: [number, number];
  text: string;
}

/** Segments of up to 5 s covering the audio (one, possibly empty, for silence-length audio). */
function segmentChunks(info: WavInfo): Chunk[] {
  const chunks: Chunk[] = [];
  for (
    let start = 0, index = 1;
    start < info.durationSeconds || index === 1;
    start += CHUNK_SECONDS, index++
  ) {
    const end = Math.min(info.durationSeconds, start + CHUNK_SECONDS);
    chunks.push({
      timestamp: [round(start), round(end)],
      text: ` Segment ${index}: ${round(start)}s to ${round(end)}s of audio.`,
    });
    if (end >= info.durationSeconds) break;
  }
  return chunks;
}

/** One chunk per word of `text`, spread evenly over the audio. */
function wordChunks(text: string, info: WavInfo): Chunk[] {
  const words = text.split(/\s+/).filter(Boolean);
  const step = info.durationSeconds / words.length;
  return words.map((word, index) => ({
    timestamp: [round(index * step), round((index + 1) * step)],
    text: ` ${word}`,
  }));
}

function language(input: Record<string, unknown>): string {
  return typeof input.language === 'string' ? input.language : 'en';
}

/**
 * `fal-ai/whisper`: reads `audio_url` (a `data:` URL or a file in emulator storage), parses the WAV
 * header, and "transcribes" it as text describing the audio, in chunks of up to 5 seconds.
 */
export const whisperApp: AppHandler = async (context) => {
  const input = isRecord(context.input) ? context.input : {};
  const info = await loadWav(context, input);
  return {
    text: describe(info),
    chunks: segmentChunks(info),
    inferred_languages: [language(input)],
    diarization_segments: [],
  };
};

/**
 * `fal-ai/wizper` (Whisper v3 on fal's faster runtime, the AI SDK's transcription model): the
 * whisper stand-in's text with wizper's output shape `{text, chunks, languages}`;
 * `chunk_level: "word"` gives one chunk per word.
 */
export const wizperApp: AppHandler = async (context) => {
  const input = isRecord(context.input) ? context.input : {};
  const info = await loadWav(context, input);
  const text = describe(info);
  return {
    text,
    chunks: input.chunk_level === 'word' ? wordChunks(text, info) : segmentChunks(info),
    languages: [language(input)],
  };
};
