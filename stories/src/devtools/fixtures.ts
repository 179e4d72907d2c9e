/** Panel states as static entries: one of each status and kind, a large payload and a long log. */
import { ValidationError } from '@falkit/core';
import type { DevtoolsEntry } from '../../../packages/react-devtools/src/devtoolsEntry';

const now = Date.now();

/** An 8×8 PNG gradient, small enough to inline. */
const tinyPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAfElEQVR4nA3JIQFEIRQAsItDCAwN0GgaYAjxQmBogEavwa9zzO4nJ7nITR5yyFu+8vdTk1rUpg411K1e9UVPetGbPvTQt371FzOZxWzmMMPc5jVfRBJFNDFEiC2ueLGSVaxmDSusbV3rxUlOcZoznHC2c50XEoXGINhcvj/QH3Jh1PNiUwAAAABJRU5ErkJggg==';

function entry(partial: Partial<DevtoolsEntry> & Pick<DevtoolsEntry, 'key' | 'status'>): DevtoolsEntry {
  return {
    kind: 'queue',
    endpointId: 'fal-ai/flux/dev',
    requestId: undefined,
    input: { prompt: 'a lighthouse at dusk' },
    output: undefined,
    error: undefined,
    logs: [],
    submittedAt: now - 4000,
    startedAt: undefined,
    completedAt: undefined,
    queueHistory: [],
    attempts: 0,
    lastRetryReason: undefined,
    observers: 1,
    gcExpiresAt: undefined,
    options: { logs: true },
    ...partial,
  };
}

export function logLines(count: number): DevtoolsEntry['logs'] {
  const levels = ['info', 'info', 'info', 'debug', 'warn', 'error'];
  return Array.from({ length: count }, (_, index) => ({
    message: `step ${index + 1}/${count}: denoising latents (${(index * 7) % 100}%)`,
    level: levels[index % levels.length],
    timestamp: new Date(now - (count - index) * 10).toISOString().slice(11, 23),
  }));
}

export const validationError = new ValidationError({
  message: 'Unprocessable Entity',
  status: 422,
  requestId: 'req-422',
  body: {
    detail: [
      { loc: ['body', 'prompt'], msg: 'field required', type: 'missing' },
      { loc: ['body', 'image_size', 'width'], msg: 'must be ≤ 2048', type: 'less_than_equal' },
    ],
  },
});

export const mixedEntries: DevtoolsEntry[] = [
  entry({
    key: 'queued',
    status: 'in_queue',
    requestId: '7b1c2d3e-queued-0001',
    queueHistory: [
      { at: now - 4000, position: 5 },
      { at: now - 3000, position: 4 },
      { at: now - 2000, position: 2 },
      { at: now - 1000, position: 1 },
    ],
  }),
  entry({
    key: 'running',
    endpointId: 'fal-ai/fast-sdxl',
    status: 'in_progress',
    requestId: 'a9f0e1d2-running-0002',
    startedAt: now - 2500,
    logs: logLines(40),
    attempts: 2,
    lastRetryReason: 'HTTP 429: queue is full',
    queueHistory: [
      { at: now - 4000, position: 1 },
      { at: now - 3000, position: 0 },
    ],
  }),
  entry({
    key: 'success',
    status: 'success',
    requestId: 'c4d5e6f7-success-0003',
    startedAt: now - 3000,
    completedAt: now - 500,
    observers: 0,
    gcExpiresAt: now + 4 * 60_000,
    output: {
      images: [{ url: tinyPng, width: 2, height: 2, content_type: 'image/png' }],
      seed: 42,
      timings: { inference: 1.82 },
      has_nsfw_concepts: [false],
    },
    logs: logLines(3),
  }),
  entry({
    key: 'error',
    status: 'error',
    requestId: 'e8f9a0b1-error-0004',
    input: { image_size: { width: 4096 } },
    completedAt: now - 3500,
    error: validationError,
    observers: 0,
    gcExpiresAt: now + 60_000,
  }),
  entry({
    key: 'cancelled',
    endpointId: 'fal-ai/whisper',
    status: 'cancelled',
    requestId: 'f1e2d3c4-cancelled-0005',
    startedAt: now - 3000,
    completedAt: now - 1000,
    input: { audio_url: 'https://v3.fal.media/files/speech.wav' },
    observers: 0,
    gcExpiresAt: now + 30_000,
  }),
  entry({
    key: 'run',
    kind: 'run',
    endpointId: 'falkit/echo',
    status: 'submitting',
    input: { hello: 'world' },
    options: {},
  }),
  entry({
    key: 'stream',
    kind: 'stream',
    endpointId: 'falkit/text-stream',
    status: 'streaming',
    requestId: 'b0c1d2e3-stream-0007',
    input: undefined,
    startedAt: now - 2000,
    observers: undefined,
    options: undefined,
    stream: { eventCount: 37, lastEvents: [{ text: 'The lighthouse' }, { text: 'The lighthouse keeper' }] },
  }),
  entry({
    key: 'upload',
    kind: 'upload',
    endpointId: undefined,
    status: 'uploading',
    input: undefined,
    startedAt: now - 2000,
    observers: undefined,
    options: undefined,
    upload: { loaded: 6_291_456, total: 15_728_640, files: 2, bytesPerSecond: 3_145_728 },
  }),
  entry({
    key: 'realtime',
    kind: 'realtime',
    endpointId: 'fal-ai/fast-lcm-diffusion',
    status: 'open',
    input: undefined,
    observers: undefined,
    options: undefined,
    realtime: { resultCount: 212, messagesPerSecond: 8.5 },
  }),
];

/** A result with 20,000 items: the tree must stay responsive. */
export const largePayloadEntry = entry({
  key: 'large',
  status: 'success',
  requestId: 'large-payload-0001',
  startedAt: now - 3000,
  completedAt: now - 100,
  output: {
    embeddings: Array.from({ length: 20_000 }, (_, index) => ({ index, vector: [index / 3, index / 7] })),
    audio: { url: 'https://v3.fal.media/files/voice.mp3' },
  },
});

/** A job with 100,000 log lines (the store's `maxLogs: Infinity`). */
export const longLogEntry = entry({
  key: 'long-log',
  status: 'in_progress',
  requestId: 'long-log-0001',
  startedAt: now - 60_000,
  logs: logLines(100_000),
});
