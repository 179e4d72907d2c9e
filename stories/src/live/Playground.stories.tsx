import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { Playground } from '../playground/Playground';
import { liveTimeout } from './liveStory';

const meta = {
  title: 'Playground',
  component: Playground,
  parameters: { layout: 'padded' },
} satisfies Meta<typeof Playground>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The page `pnpm demo` opens. */
export const Playground_: Story = { name: 'Playground' };

/** Everything at once, as a user would: image, stream and upload against the emulator. */
export const Tour: Story = {
  name: 'Playground tour (interaction test)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('backend')).toHaveTextContent(/emulator|proxy/);
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Stream' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Use a sample WAV' }));
    const image = await canvas.findByRole<HTMLImageElement>('img', { name: /lighthouse/ }, liveTimeout);
    await waitFor(() => expect(image.naturalWidth).toBeGreaterThan(0), liveTimeout);
    await waitFor(
      () => expect(canvas.getByRole('region', { name: 'Answer' })).toHaveAttribute('data-state', 'success'),
      liveTimeout,
    );
    await expect(await canvas.findByTestId('transcript', {}, liveTimeout)).toHaveTextContent(/WAV audio/);
  },
};
