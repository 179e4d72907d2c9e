import type { FalClient } from '@falkit/core';
import { FalDropZone, FalProvider } from '@falkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';

type UploadBehaviour = 'hang' | 'fail' | 'succeed';

/**
 * Forces an upload state without a server: a client whose `storage.upload` reports 40 % and then
 * hangs, fails or succeeds. (The live stories upload to the emulator for real.)
 */
function scriptedClient(behaviour: UploadBehaviour): FalClient {
  const upload = (
    file: Blob,
    options: { signal?: AbortSignal; onProgress?: (progress: { loaded: number; total: number }) => void },
  ) =>
    new Promise<string>((resolve, reject) => {
      options.onProgress?.({ loaded: Math.round(file.size * 0.4), total: file.size });
      options.signal?.addEventListener('abort', () =>
        reject(new DOMException('Upload cancelled', 'AbortError')),
      );
      if (behaviour === 'fail')
        setTimeout(() => reject(new Error('Upload failed: HTTP 503 Service Unavailable')), 50);
      if (behaviour === 'succeed') {
        setTimeout(() => {
          options.onProgress?.({ loaded: file.size, total: file.size });
          resolve(`https://v3.fal.media/files/demo/${(file as File).name ?? 'file'}`);
        }, 50);
      }
    });
  return { storage: { upload } } as unknown as FalClient;
}

const meta = {
  title: 'Components/FalDropZone',
  component: FalDropZone,
  args: {
    label: 'Upload images',
    hint: 'PNG or JPEG, up to 5 MB',
    accept: 'image/*',
    maxSize: 5 * 1024 * 1024,
    onUploaded: fn(),
  },
  parameters: { upload: 'succeed' },
  decorators: [
    (Story, { parameters }) => (
      <FalProvider client={scriptedClient(parameters.upload as UploadBehaviour)}>
        <div style={{ maxWidth: 480 }}>{Story()}</div>
      </FalProvider>
    ),
  ],
} satisfies Meta<typeof FalDropZone>;

export default meta;
type Story = StoryObj<typeof meta>;

const image = () => new File([new Uint8Array(2048)], 'cat.png', { type: 'image/png' });
const fileInput = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const zone = within(canvasElement).getByRole('button', { name: 'Upload images' });
    await expect(zone).toHaveAttribute('data-state', 'idle');
    await expect(zone).toHaveAccessibleDescription('PNG or JPEG, up to 5 MB');
    await userEvent.tab();
    await expect(zone).toHaveFocus();
  },
};

export const Uploading: Story = {
  parameters: { upload: 'hang' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), image());
    const bar = await canvas.findByRole('progressbar', { name: 'Upload of cat.png' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '40'));
    await expect(bar).toHaveAttribute('aria-busy', 'true');
    await expect(canvas.getByRole('button', { name: 'Cancel upload of cat.png' })).toBeVisible();
  },
};

export const ErrorState: Story = {
  name: 'Error',
  parameters: { upload: 'fail' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), image());
    await expect(await canvas.findByRole('alert')).toHaveTextContent('HTTP 503');
    await expect(canvas.getByRole('button', { name: 'Retry upload of cat.png' })).toBeVisible();
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('data-state', 'error');
  },
};

export const Cancelled: Story = {
  parameters: { upload: 'hang' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), image());
    await userEvent.click(await canvas.findByRole('button', { name: 'Cancel upload of cat.png' }));
    const bar = canvas.getByRole('progressbar', { name: 'Upload of cat.png' });
    await waitFor(() => expect(bar).toHaveAttribute('data-state', 'cancelled'));
    await expect(canvas.getByRole('button', { name: 'Retry upload of cat.png' })).toBeVisible();
  },
};

export const Success: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), image());
    const bar = await canvas.findByRole('progressbar', { name: 'Upload of cat.png' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '100'));
    await expect(await canvas.findByRole('link')).toHaveAttribute(
      'href',
      'https://v3.fal.media/files/demo/cat.png',
    );
    await expect(args.onUploaded).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://v3.fal.media/files/demo/cat.png' }),
    );
  },
};

export const Rejected: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), new File(['x'], 'notes.txt', { type: 'text/plain' }), {
      applyAccept: false,
    });
    await expect(await canvas.findByRole('alert')).toHaveTextContent('notes.txt');
    await expect(canvas.queryByRole('progressbar')).toBeNull();
  },
};
