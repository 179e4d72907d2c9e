'use client';
import { FalImageResult, FalQueueStatus, useFalSubscribe } from '@falkit/react';
import { type FormEvent, useState } from 'react';

interface FluxInput {
  prompt: string;
}
interface FluxOutput {
  images: { url: string; width: number; height: number; content_type?: string }[];
}

/** `useFalSubscribe` in mutation mode: nothing runs until the form is submitted. */
export function ImageGenerator() {
  const [prompt, setPrompt] = useState('a lighthouse at dawn');
  const job = useFalSubscribe<'fal-ai/flux/dev', FluxInput, FluxOutput>('fal-ai/flux/dev');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void job.submit({ prompt });
  }

  return (
    <section aria-labelledby="image-heading">
      <h2 id="image-heading">Image (queue, useFalSubscribe)</h2>
      <form onSubmit={onSubmit}>
        <label>
          Prompt <input name="image-prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        </label>{' '}
        <button type="submit" disabled={job.isPending}>
          Generate
        </button>
      </form>
      <FalQueueStatus
        status={job.status}
        queuePosition={job.queuePosition}
        error={job.error}
        onCancel={() => void job.cancel()}
      />
      <FalImageResult
        images={job.data?.images}
        status={job.status}
        error={job.error}
        data-testid="image-result"
      />
    </section>
  );
}
