import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { StreamPanel } from '../playground/StreamPanel';
import { liveTimeout, withFalClient } from './liveStory';

const meta = {
  title: 'Live/useFalStream LLM',
  component: StreamPanel,
  decorators: [withFalClient],
} satisfies Meta<typeof StreamPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

function answer(canvasElement: HTMLElement) {
  return within(canvasElement).getByRole('region', { name: 'Answer' });
}

export const StreamToTheEnd: Story = {
  name: 'Stream to the end',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Stream' }));
    const region = answer(canvasElement);
    const lengths: number[] = [];
    await waitFor(() => {
      lengths.push(region.textContent?.length ?? 0);
      expect(region).toHaveAttribute('data-state', 'success');
    }, liveTimeout);
    await expect(region).toHaveTextContent(/lighthouse/);
    // The text grew in steps rather than arriving at once.
    await expect(new Set(lengths).size).toBeGreaterThan(1);
    await expect(region.querySelector('[aria-busy="false"]')).not.toBeNull();
  },
};

export const StopKeepsPartialText: Story = {
  name: 'Stop keeps the partial text',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Stream' }));
    const region = answer(canvasElement);
    await waitFor(() => expect(region.textContent?.length ?? 0).toBeGreaterThan(5), liveTimeout);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(region).toHaveAttribute('data-state', 'cancelled'), liveTimeout);
    const partial = region.textContent ?? '';
    await expect(partial.length).toBeGreaterThan(5);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};
