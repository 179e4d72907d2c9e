import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { TextToImagePanel } from '../playground/TextToImagePanel';
import { liveTimeout, watchQueuePositions, withFalClient } from './liveStory';

const meta = {
  title: 'Live/useFalSubscribe text to image',
  component: TextToImagePanel,
  decorators: [withFalClient],
  parameters: { layout: 'padded' },
} satisfies Meta<typeof TextToImagePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

async function expectImageLoaded(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const image = await canvas.findByRole<HTMLImageElement>(
    'img',
    { name: /lighthouse|Generated/ },
    liveTimeout,
  );
  await waitFor(() => expect(image.naturalWidth).toBeGreaterThan(0), liveTimeout);
  await expect(image).toHaveAttribute('width', '512');
  await waitFor(() => expect(image).toHaveAttribute('data-state', 'loaded'), liveTimeout);
}

export const QueueAndLogs: Story = {
  name: 'Queue position, logs, image',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const jobsAhead = canvas.getByRole('spinbutton', { name: 'Other jobs to queue first' });
    await userEvent.clear(jobsAhead);
    // Four, not three: the demo's emulator runs two jobs at once, and jobs started together end together,
    // so with three ahead ours could go from "2nd in line" straight to running (one position seen).
    // With four it waits through two rounds whatever the worker count (1 in tests, 2 in the demo).
    await userEvent.type(jobsAhead, '4');
    const region = canvasElement.querySelector('[data-falkit-element="queue-status-text"]')!;
    const watch = watchQueuePositions(region);
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));

    await waitFor(() => expect(region).toHaveTextContent('Done'), liveTimeout);
    watch.stop();
    // The place in line went down while we waited.
    await expect(watch.positions.length).toBeGreaterThanOrEqual(2);
    for (let index = 1; index < watch.positions.length; index++) {
      await expect(watch.positions[index]!).toBeLessThan(watch.positions[index - 1]!);
    }
    const logs = canvas.getByRole('log', { name: 'Generation logs' });
    await expect(logs).toHaveTextContent('Step 25/25');
    await expect(canvas.getByRole('progressbar', { name: 'Generation progress' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    await expectImageLoaded(canvasElement);
  },
};

export const ValidationErrorOnEmptyPrompt: Story = {
  name: 'Validation error on an empty prompt',
  args: { defaultPrompt: '' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const alert = await canvas.findByRole('alert', {}, liveTimeout);
    await expect(alert).toHaveTextContent(/Prompt: .*field required/);
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' });
    await expect(prompt).toHaveAttribute('aria-invalid', 'true');
    await expect(prompt).toHaveAccessibleDescription(/field required/);
  },
};

export const Cancellation: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const jobsAhead = canvas.getByRole('spinbutton', { name: 'Other jobs to queue first' });
    await userEvent.clear(jobsAhead);
    await userEvent.type(jobsAhead, '2');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const cancel = await canvas.findByRole('button', { name: 'Cancel' }, liveTimeout);
    await userEvent.click(cancel);
    const region = canvasElement.querySelector('[data-falkit-element="queue-status-text"]')!;
    await waitFor(() => expect(region).toHaveTextContent('Cancelled'), liveTimeout);
    await expect(canvas.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await expect(canvas.queryByRole('img', { name: /lighthouse/ })).toBeNull();
  },
};

function ResumeAfterReloadDemo() {
  const [mount, setMount] = useState(0);
  return (
    <div>
      <button type="button" onClick={() => setMount((value) => value + 1)}>
        Simulate reload
      </button>
      <span data-testid="mount-count"> mount #{mount + 1}</span>
      <TextToImagePanel
        key={mount}
        busyQueueControl={false}
        options={{ persist: 'storybook-resume', cancelOnUnmount: false }}
      />
    </div>
  );
}

export const ResumeAfterReload: Story = {
  name: 'Resume after reload',
  render: () => <ResumeAfterReloadDemo />,
  play: async ({ canvasElement }) => {
    sessionStorage.clear();
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    const requestId = (await canvas.findByTestId('request-id', {}, liveTimeout)).textContent;
    await expect(requestId).toMatch(/\S+/);
    // Remount: a new component with nothing in memory finds the running request in sessionStorage.
    await userEvent.click(canvas.getByRole('button', { name: 'Simulate reload' }));
    await expect(canvas.getByTestId('mount-count')).toHaveTextContent('#2');
    await waitFor(() => expect(canvas.getByTestId('request-id')).toHaveTextContent(requestId!), liveTimeout);
    await expectImageLoaded(canvasElement);
  },
};
