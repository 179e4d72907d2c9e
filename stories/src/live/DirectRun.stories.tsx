import { ValidationError } from '@falkit/core';
import { FalImageResult, FalProgress, useFalRun } from '@falkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type FormEvent, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { TextToImageOutput } from '../playground/TextToImagePanel';
import { liveTimeout, withFalClient } from './liveStory';

/** `useFalRun`: one direct call to `fal.run` (no queue, no logs), with cancel. */
function DirectRunPanel({ defaultPrompt = 'a red bicycle' }: { defaultPrompt?: string }) {
  const [prompt, setPrompt] = useState(defaultPrompt);
  const run = useFalRun<string, Record<string, unknown>, TextToImageOutput>('fal-ai/fast-sdxl');
  const promptErrors = run.error instanceof ValidationError ? run.error.getFieldErrors('prompt') : [];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = prompt.trim();
    // An empty prompt is sent as missing, so the model's 422 shows up on the field.
    void run.submit({ ...(text ? { prompt: text } : {}), image_size: 'square', num_inference_steps: 8 });
  };

  return (
    <section aria-label="Direct run">
      <form onSubmit={onSubmit}>
        <label>
          Prompt{' '}
          <input
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            aria-invalid={promptErrors.length > 0}
          />
        </label>{' '}
        <button type="submit" disabled={run.isPending}>
          Run
        </button>{' '}
        <button type="button" onClick={() => void run.cancel()} disabled={!run.isPending}>
          Cancel
        </button>
      </form>
      {promptErrors.length > 0 ? <p role="alert">{promptErrors[0]!.msg}</p> : null}
      <FalProgress status={run.status} label="Direct run" />
      <FalImageResult
        images={run.data?.images}
        status={run.status}
        error={promptErrors.length > 0 ? undefined : run.error}
        alt={() => prompt}
        placeholderSize={{ width: 512, height: 512 }}
      />
    </section>
  );
}

const meta = {
  title: 'Live/useFalRun direct call',
  component: DirectRunPanel,
  decorators: [withFalClient],
} satisfies Meta<typeof DirectRunPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const RunToAnImage: Story = {
  name: 'Run to an image',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    const progress = canvas.getByRole('progressbar', { name: 'Direct run' });
    const image = await canvas.findByRole('img', { name: 'a red bicycle' }, liveTimeout);
    await waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBeGreaterThan(0), liveTimeout);
    await expect(image).toHaveAttribute('width', '512');
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    await expect(progress).toHaveAttribute('aria-busy', 'false');
  },
};

export const ValidationErrorOnEmptyPrompt: Story = {
  name: 'Validation error on an empty prompt',
  args: { defaultPrompt: '' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    const alert = await canvas.findByRole('alert', {}, liveTimeout);
    await expect(alert.textContent ?? '').toMatch(/\S/);
    await expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.queryByRole('img', { name: /./ })).toBeNull();
  },
};
