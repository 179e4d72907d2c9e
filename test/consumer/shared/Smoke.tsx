'use client';
// The consumer smoke app: what a user writes after `npm install`ing the tarballs. The same file is
// copied into the Vite app (src/) and the Next.js app (app/); each entry passes the emulator's URL.
import { createFalClient } from '@falkit/core';
import {
  FalDropZone,
  FalImageResult,
  FalLogs,
  FalProvider,
  FalQueueStatus,
  useFalSubscribe,
} from '@falkit/react';
import '@falkit/react/styles.css';
import { useMemo, useState } from 'react';

interface SdxlOutput {
  images: Array<{ url: string; width: number; height: number; content_type: string }>;
  seed: number;
}

function Generate() {
  const job = useFalSubscribe<'fal-ai/fast-sdxl', { prompt: string }, SdxlOutput>(
    'fal-ai/fast-sdxl',
    undefined,
    {
      logs: true,
    },
  );
  return (
    <section aria-label="Generate">
      <button type="button" onClick={() => job.submit({ prompt: 'a lighthouse at dusk' })}>
        Generate
      </button>
      <FalQueueStatus status={job.status} queuePosition={job.queuePosition} error={job.error} />
      <p data-testid="queue-position">{job.isInQueue ? `ahead of mine: ${job.queuePosition}` : ''}</p>
      <FalLogs logs={job.logs} />
      <FalImageResult images={job.data?.images} status={job.status} alt="a lighthouse at dusk" />
    </section>
  );
}

function Upload() {
  const [urls, setUrls] = useState<string[]>([]);
  return (
    <section aria-label="Upload">
      <FalDropZone label="Upload a file" onUrlsChange={setUrls} />
      <ul data-testid="uploaded">
        {urls.map((url) => (
          <li key={url}>{url}</li>
        ))}
      </ul>
    </section>
  );
}

export function Smoke({ emulatorUrl }: { emulatorUrl: string }) {
  const client = useMemo(() => createFalClient({ baseUrl: emulatorUrl }), [emulatorUrl]);
  return (
    <FalProvider client={client}>
      <h1>falkit consumer smoke</h1>
      <Generate />
      <Upload />
    </FalProvider>
  );
}
