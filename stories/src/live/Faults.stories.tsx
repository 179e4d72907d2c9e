import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { currentBackend, emulatorFaults } from '../backend';
import { TextToImagePanel } from '../playground/TextToImagePanel';
import { liveTimeout, withFalClient } from './liveStory';

// These stories use fal-ai/flux/dev, which no other story calls, so their faults hit only them.
const meta = {
  title: 'Live/Fault recovery',
  component: TextToImagePanel,
  decorators: [withFalClient],
  args: { endpointId: 'fal-ai/flux/dev', busyQueueControl: false },
  beforeEach: async () => {
    if (currentBackend().kind !== 'emulator') return;
    await emulatorFaults.clear();
    return () => emulatorFaults.clear();
  },
} satisfies Meta<typeof TextToImagePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

async function generateAndExpectImage(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
  const region = canvasElement.querySelector('[data-falkit-element="queue-status-text"]')!;
  await waitFor(() => expect(region).toHaveTextContent('Done'), liveTimeout);
  const image = await canvas.findByRole<HTMLImageElement>('img', {}, liveTimeout);
  await waitFor(() => expect(image.naturalWidth).toBeGreaterThan(0), liveTimeout);
}

export const RateLimitStorm: Story = {
  name: '429 storm, then recovery',
  play: async ({ canvasElement }) => {
    // Every queue call to flux answers 429 (Retry-After: 0) three times before going through.
    await emulatorFaults.add({
      host: 'queue.fal.run',
      path: '/fal-ai/flux/**',
      type: 'status',
      status: 429,
      retryAfter: 0,
      times: 3,
    });
    await generateAndExpectImage(canvasElement);
    await expect(within(canvasElement).getByText(/recovered after \d+ retries/)).toBeVisible();
  },
};

export const DroppedStatusStream: Story = {
  name: 'Dropped status stream, then recovery',
  play: async ({ canvasElement }) => {
    // The status stream is cut after its first event, twice; the client resumes and finishes.
    await emulatorFaults.add({
      host: 'queue.fal.run',
      path: '/fal-ai/flux/requests/*/status/stream',
      type: 'truncate',
      afterEvents: 1,
      abrupt: true,
      times: 2,
    });
    await generateAndExpectImage(canvasElement);
  },
};
