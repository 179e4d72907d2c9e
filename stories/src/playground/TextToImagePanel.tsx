import { ValidationError } from '@falkit/core';
import {
  FalImageResult,
  FalLogs,
  FalProgress,
  FalQueueStatus,
  useFalClient,
  useFalSubscribe,
  type UseFalSubscribeOptions,
} from '@falkit/react';
import { type FormEvent, useId, useState } from 'react';

export interface TextToImageOutput {
  images: Array<{ url: string; width: number; height: number; content_type: string }>;
  seed: number;
}

export interface TextToImagePanelProps {
  endpointId?: string;
  defaultPrompt?: string;
  /** Extra hook options (e.g. `persist`, `requestId`, `cancelOnUnmount`). */
  options?: UseFalSubscribeOptions<Record<string, unknown>, TextToImageOutput>;
  /** Show the "other jobs to queue first" control (submits background jobs to fill the queue). */
  busyQueueControl?: boolean;
}

const size = { width: 512, height: 512 };

/** Text to image through the queue: live position, elapsed time, logs, cancel, then the image. */
export function TextToImagePanel({
  endpointId = 'fal-ai/fast-sdxl',
  defaultPrompt = 'a lighthouse on a cliff at dusk, oil painting',
  options,
  busyQueueControl = true,
}: TextToImagePanelProps) {
  const client = useFalClient();
  const promptId = useId();
  const errorId = useId();
  const [prompt, setPrompt] = useState(defaultPrompt);
  const [jobsAhead, setJobsAhead] = useState(0);
  const job = useFalSubscribe<string, Record<string, unknown>, TextToImageOutput>(endpointId, undefined, {
    logs: true,
    ...options,
  });
  const promptErrors = job.error instanceof ValidationError ? job.error.getFieldErrors('prompt') : [];

  const generate = async (event: FormEvent) => {
    event.preventDefault();
    // Fill the queue first so the position is visible (each runs a few seconds on the demo's emulator).
    await Promise.all(
      Array.from({ length: jobsAhead }, () =>
        client.queue.submit(endpointId, {
          input: { prompt: 'a job ahead of yours', image_size: 'square', num_inference_steps: 50 },
        }),
      ),
    );
    // An empty prompt is sent as missing, so the server's validation error shows up on the field.
    const text = prompt.trim();
    void job.submit({ ...(text ? { prompt: text } : {}), image_size: 'square', num_inference_steps: 25 });
  };

  return (
    <section className="panel" aria-labelledby={`${promptId}-title`}>
      <h2 id={`${promptId}-title`}>Text to image</h2>
      <p className="panel-endpoint">
        <code>useFalSubscribe('{endpointId}')</code>
      </p>
      <form onSubmit={generate} className="panel-form">
        <label htmlFor={promptId}>Prompt</label>
        <textarea
          id={promptId}
          value={prompt}
          rows={2}
          onChange={(event) => setPrompt(event.target.value)}
          aria-invalid={promptErrors.length > 0}
          aria-describedby={promptErrors.length > 0 ? errorId : undefined}
        />
        {promptErrors.length > 0 ? (
          <p id={errorId} className="field-error" role="alert">
            Prompt: {promptErrors.map((error) => error.msg).join('; ')}
          </p>
        ) : null}
        <div className="panel-actions">
          <button type="submit" disabled={job.isSubmitting || job.isInQueue || job.isInProgress}>
            Generate
          </button>
          {busyQueueControl ? (
            <label className="inline-field">
              Other jobs to queue first
              <input
                type="number"
                min={0}
                max={8}
                value={jobsAhead}
                aria-describedby={`${promptId}-jobs-hint`}
                onChange={(event) => setJobsAhead(Number(event.target.value))}
              />
            </label>
          ) : null}
        </div>
        {busyQueueControl ? (
          <p id={`${promptId}-jobs-hint`} className="panel-hint">
            Submitted just before yours. The emulator runs a few jobs at once (2 by default), so those start
            right away and only the rest wait ahead of yours: your position counts those.
          </p>
        ) : null}
      </form>
      <FalQueueStatus
        status={job.status}
        queuePosition={job.queuePosition}
        error={promptErrors.length > 0 ? undefined : job.error}
        startedAt={job.submittedAt}
        onCancel={() => void job.cancel()}
      />
      {job.requestId ? (
        <p className="request-id">
          Request <code data-testid="request-id">{job.requestId}</code>
          {job.attempts > 0 ? <span> · recovered after {job.attempts} retries</span> : null}
        </p>
      ) : null}
      <FalProgress
        status={job.status}
        queuePosition={job.queuePosition}
        logs={job.logs}
        label="Generation progress"
      />
      <FalLogs logs={job.logs} label="Generation logs" />
      <FalImageResult
        images={job.data?.images}
        status={job.status}
        placeholderSize={size}
        alt={() => prompt || 'Generated image'}
      />
    </section>
  );
}
