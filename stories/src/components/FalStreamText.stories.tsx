import { FalStreamText } from '@falkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';

const meta = {
  title: 'Components/FalStreamText',
  component: FalStreamText,
  decorators: [(Story) => <div style={{ maxWidth: 560 }}>{Story()}</div>],
} satisfies Meta<typeof FalStreamText>;

export default meta;
type Story = StoryObj<typeof meta>;

const text = 'A lighthouse keeper finds that the fog has a voice, and it only asks for the time.';

export const Idle: Story = {
  args: { text: '', status: 'idle', emptyText: 'Nothing streamed yet' },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Streamed text' });
    await expect(region).toHaveTextContent('Nothing streamed yet');
    await expect(region.querySelector('[aria-busy="false"]')).not.toBeNull();
  },
};

export const Streaming: Story = {
  args: { text: text.slice(0, 40), status: 'streaming' },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Streamed text' });
    await expect(region.querySelector('[aria-busy="true"]')).not.toBeNull();
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { text: text.slice(0, 20), status: 'error', error: new Error('Stream ended unexpectedly') },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Stream ended unexpectedly');
  },
};

export const Cancelled: Story = {
  args: { text: text.slice(0, 30), status: 'cancelled' },
  play: async ({ canvasElement }) => {
    // The partial text stays, without a caret or an error.
    const region = within(canvasElement).getByRole('region', { name: 'Streamed text' });
    await expect(region).toHaveTextContent(text.slice(0, 30));
    await expect(region).toHaveAttribute('data-state', 'cancelled');
    await expect(region.querySelector('[data-falkit-element="stream-text-caret"]')).toBeNull();
    await expect(within(canvasElement).queryByRole('alert')).toBeNull();
  },
};

export const Success: Story = {
  args: { text, status: 'success' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('region')).toHaveTextContent(text);
  },
};
