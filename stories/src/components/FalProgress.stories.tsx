import { FalProgress } from '@falkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';

const meta = {
  title: 'Components/FalProgress',
  component: FalProgress,
  args: { label: 'Progress' },
  decorators: [(Story) => <div style={{ maxWidth: 420 }}>{Story()}</div>],
} satisfies Meta<typeof FalProgress>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  args: { status: 'idle' },
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar');
    await expect(bar).toHaveAttribute('aria-valuenow', '0');
    await expect(bar).toHaveAttribute('aria-busy', 'false');
  },
};

export const Queued: Story = {
  args: { status: 'in_queue', queuePosition: 3 },
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar');
    await expect(bar).not.toHaveAttribute('aria-valuenow');
    await expect(bar).toHaveTextContent('Position 4 in queue');
  },
};

export const RunningIndeterminate: Story = {
  args: { status: 'in_progress', logs: [{ message: 'Loading weights', level: 'INFO' }] },
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar');
    await expect(bar).toHaveAttribute('data-mode', 'indeterminate');
    await expect(bar).toHaveAttribute('aria-busy', 'true');
  },
};

export const RunningFromLogs: Story = {
  args: {
    status: 'in_progress',
    logs: [{ message: ' 60%|██████    | 12/20 [00:02<00:01]', level: 'STDERR' }],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '60');
  },
};

export const Uploading: Story = {
  args: { status: 'uploading', value: 0.37, label: 'Upload progress' },
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar', { name: 'Upload progress' });
    await expect(bar).toHaveAttribute('aria-valuenow', '37');
    await expect(getComputedStyle(bar).getPropertyValue('--falkit-progress').trim()).toBe('37%');
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { status: 'error', value: 0.52 },
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar');
    await expect(bar).toHaveAttribute('data-state', 'error');
    await expect(bar).toHaveAttribute('aria-busy', 'false');
  },
};

export const Cancelled: Story = {
  args: { status: 'cancelled', value: 0.2 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('progressbar')).toHaveAttribute('data-state', 'cancelled');
  },
};

export const Success: Story = {
  args: { status: 'success' },
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar');
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    await expect(bar).toHaveTextContent('100%');
  },
};
