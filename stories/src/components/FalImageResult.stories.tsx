import { FalImageResult } from '@falkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';

function gradientImage(width: number, height: number, from: string, to: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  return {
    url: `data:image/svg+xml,${encodeURIComponent(svg)}`,
    width,
    height,
    content_type: 'image/svg+xml',
  };
}

const meta = {
  title: 'Components/FalImageResult',
  component: FalImageResult,
  decorators: [(Story) => <div style={{ maxWidth: 560 }}>{Story()}</div>],
} satisfies Meta<typeof FalImageResult>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  args: { images: undefined, status: 'idle' },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('[data-falkit-element="image-result"]')!;
    await expect(root).toHaveAttribute('data-state', 'idle');
    await expect(root).toHaveAttribute('aria-busy', 'false');
    await expect(within(canvasElement).queryByRole('img')).toBeNull();
  },
};

export const Queued: Story = {
  args: { images: undefined, status: 'in_queue', placeholderSize: { width: 4, height: 3 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img', { name: 'Image is being generated' })).toBeVisible();
  },
};

export const Running: Story = {
  args: { images: undefined, status: 'in_progress' },
  play: async ({ canvasElement }) => {
    const placeholder = within(canvasElement).getByRole('img', { name: 'Image is being generated' });
    await expect(placeholder).toHaveTextContent('Generating…');
    await expect(canvasElement.querySelector('[data-falkit-element="image-result"]')).toHaveAttribute(
      'aria-busy',
      'true',
    );
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { images: undefined, status: 'error', error: new Error('Validation failed: prompt: field required') },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('field required');
  },
};

export const Cancelled: Story = {
  args: { images: undefined, status: 'cancelled' },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('[data-falkit-element="image-result"]')!;
    await expect(root).toHaveAttribute('data-state', 'cancelled');
    await expect(root).toHaveAttribute('aria-busy', 'false');
    await expect(within(canvasElement).queryByRole('img')).toBeNull();
    await expect(within(canvasElement).queryByRole('alert')).toBeNull();
  },
};

export const Success: Story = {
  args: {
    images: [gradientImage(512, 512, '#6d28d9', '#f59e0b'), gradientImage(512, 512, '#0ea5e9', '#22c55e')],
    status: 'success',
  },
  play: async ({ canvasElement }) => {
    const image = within(canvasElement).getByRole<HTMLImageElement>('img', { name: 'Generated image 1' });
    await expect(image).toHaveAttribute('width', '512');
    await waitFor(() => expect(image.naturalWidth).toBeGreaterThan(0));
    await waitFor(() => expect(image).toHaveAttribute('data-state', 'loaded'));
  },
};

export const BrokenImage: Story = {
  args: { images: [{ url: 'data:image/png;base64,AAAA', width: 64, height: 64 }], status: 'success' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Image failed to load');
  },
};
