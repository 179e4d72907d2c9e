import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { sampleWavFile } from '../playground/sampleWav';
import { UploadTranscribePanel } from '../playground/UploadTranscribePanel';
import { liveTimeout, withFalClient } from './liveStory';

const meta = {
  title: 'Live/useUpload then whisper',
  component: UploadTranscribePanel,
  decorators: [withFalClient],
} satisfies Meta<typeof UploadTranscribePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

function fileInput(canvasElement: HTMLElement) {
  return canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!;
}

export const UploadWithProgressThenTranscribe: Story = {
  name: 'Upload with progress, then transcribe',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Big enough for several progress events.
    await userEvent.upload(fileInput(canvasElement), sampleWavFile(20));
    const bar = await canvas.findByRole('progressbar', { name: 'Upload of tone.wav' }, liveTimeout);
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '100'), liveTimeout);
    const link = await canvas.findByRole('link', {}, liveTimeout);
    await expect(link.getAttribute('href')).toMatch(/^https?:\/\//);
    const transcript = await canvas.findByTestId('transcript', {}, liveTimeout);
    await expect(transcript).toHaveTextContent(/WAV audio, 20\.00 seconds, 16000 Hz, mono/);
  },
};

export const KeyboardOpensTheDialog: Story = {
  name: 'Keyboard: Enter opens the file dialog',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const zone = canvas.getByRole('button', { name: 'Upload a WAV file' });
    await expect(zone).toHaveAccessibleDescription(/WAV audio/);
    let opened = 0;
    fileInput(canvasElement).addEventListener('click', (event) => {
      opened++;
      event.preventDefault();
    });
    zone.focus();
    await expect(zone).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(opened).toBe(1);
  },
};

export const RejectsTheWrongType: Story = {
  name: 'Rejects the wrong file type',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = fileInput(canvasElement);
    await userEvent.upload(input, new File(['not audio'], 'notes.txt', { type: 'text/plain' }), {
      applyAccept: false,
    });
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(/notes\.txt: file type text\/plain is not accepted/);
    await expect(alert.querySelector('[data-code="file-invalid-type"]')).not.toBeNull();
    await expect(canvas.queryByRole('progressbar')).toBeNull();
  },
};
