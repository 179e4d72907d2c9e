import { FalQueueStatus } from '@falkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';

const meta = {
  title: 'Components/FalQueueStatus',
  component: FalQueueStatus,
  args: { onCancel: fn() },
} satisfies Meta<typeof FalQueueStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  args: { status: 'idle' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Ready')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Cancel' })).toBeNull();
  },
};

export const Submitting: Story = {
  args: { status: 'submitting' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Submitting')).toBeVisible();
    // Active already: the job can be cancelled before fal has answered.
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  },
};

export const Queued: Story = {
  args: { status: 'in_queue', queuePosition: 2 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Position 3 in queue')).toBeVisible();
    const cancel = canvas.getByRole('button', { name: 'Cancel' });
    await userEvent.tab();
    await expect(cancel).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onCancel).toHaveBeenCalledTimes(1);
  },
};

export const Running: Story = {
  args: { status: 'in_progress', startedAt: Date.now() - 42_000 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Running')).toBeVisible();
    await expect(canvas.getByTitle('Elapsed time')).toHaveTextContent(/0:4\d/);
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { status: 'error', error: new Error('Validation failed: prompt: field required') },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/field required/)).toBeVisible();
  },
};

export const Cancelled: Story = {
  args: { status: 'cancelled' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Cancelled')).toBeVisible();
  },
};

export const Success: Story = {
  args: { status: 'success' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Done')).toBeVisible();
  },
};
