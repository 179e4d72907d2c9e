import '@testing-library/jest-dom/vitest';
import { createFalClient, type FalClient } from '@falkit/core';
import { createEmulator, type Emulator } from '@falkit/emulator';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FalDropZone, type FalDropZoneProps } from '../../src/components/FalDropZone';
import { FalProvider } from '../../src/falProvider';

// jsdom uploads through XMLHttpRequest (for progress events), so the emulator listens on loopback.
let emulator: Emulator;
let client: FalClient;
let origin: string;

beforeAll(async () => {
  emulator = createEmulator({ speed: 0 });
  const server = await emulator.listen({ port: 0 });
  origin = server.url;
  client = createFalClient({ baseUrl: origin });
});
afterEach(() => {
  cleanup();
  emulator.faults.clear();
});
afterAll(() => emulator.close());

function renderZone(props: Partial<FalDropZoneProps> = {}) {
  return render(
    <StrictMode>
      <FalProvider client={client}>
        <FalDropZone label="Upload files" hint="Images up to 1 MB" {...props} />
      </FalProvider>
    </StrictMode>,
  );
}

function pick(files: File[]) {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  fireEvent.change(input, { target: { files } });
}

const uploadPuts = () => emulator.requests().filter((entry) => entry.method === 'PUT').length;

describe('FalDropZone', () => {
  it('is a labelled, keyboard-operable drop target', () => {
    renderZone();
    const zone = screen.getByRole('button', { name: 'Upload files' });
    expect(zone).toHaveAttribute('tabindex', '0');
    expect(zone).toHaveAccessibleDescription('Images up to 1 MB');
    expect(zone).toHaveAttribute('data-falkit-element', 'drop-zone');
    const click = vi.spyOn(document.querySelector<HTMLInputElement>('input[type="file"]')!, 'click');
    fireEvent.keyDown(zone, { key: 'Enter' });
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('uploads each file once (StrictMode), shows progress to 100 and hands back the URL', async () => {
    const onUploaded = vi.fn();
    const onUrlsChange = vi.fn();
    const putsBefore = uploadPuts();
    renderZone({ onUploaded, onUrlsChange });
    const file = new File(['hello falkit'], 'hello.txt', { type: 'text/plain' });
    act(() => pick([file]));

    const bar = await screen.findByRole('progressbar', { name: 'Upload of hello.txt' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '100'));
    await waitFor(() => expect(onUploaded).toHaveBeenCalledTimes(1));
    const { url, file: uploadedFile } = onUploaded.mock.calls[0]![0];
    expect(uploadedFile).toBe(file);
    expect(screen.getByRole('link', { name: url })).toHaveAttribute('href', url);
    expect(await (await fetch(url)).text()).toBe('hello falkit');
    expect(uploadPuts() - putsBefore).toBe(1);
    await waitFor(() => expect(onUrlsChange).toHaveBeenLastCalledWith([url]));
    expect(onUrlsChange).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Remove hello.txt' }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    await waitFor(() => expect(onUrlsChange).toHaveBeenLastCalledWith([]));
  });

  it('shows a failed upload and retries it', async () => {
    emulator.faults.add({ method: 'PUT', type: 'status', status: 400, times: 1 });
    const onUploaded = vi.fn();
    renderZone({ onUploaded });
    act(() => pick([new File(['retry me'], 'retry.txt', { type: 'text/plain' })]));

    const retry = await screen.findByRole('button', { name: 'Retry upload of retry.txt' });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Upload of retry.txt' })).toHaveAttribute(
      'data-state',
      'error',
    );
    fireEvent.click(retry);
    await waitFor(() => expect(onUploaded).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('button', { name: 'Retry upload of retry.txt' })).toBeNull();
  });

  it('cancels one upload in flight', async () => {
    emulator.faults.add({ method: 'PUT', type: 'delay', ms: 5_000, times: 1 });
    renderZone();
    act(() => pick([new File(['slow'], 'slow.txt', { type: 'text/plain' })]));

    fireEvent.click(await screen.findByRole('button', { name: 'Cancel upload of slow.txt' }));
    const bar = screen.getByRole('progressbar', { name: 'Upload of slow.txt' });
    await waitFor(() => expect(bar).toHaveAttribute('data-state', 'cancelled'));
    expect(bar).toHaveTextContent('Cancelled');
    expect(screen.getByRole('button', { name: 'Retry upload of slow.txt' })).toBeInTheDocument();
  });

  it('lists rejected files in an alert with their codes and uploads nothing for them', async () => {
    const putsBefore = uploadPuts();
    renderZone({ accept: 'image/*', maxSize: 4 });
    act(() =>
      pick([
        new File(['text'], 'notes.txt', { type: 'text/plain' }),
        new File(['too big'], 'big.png', { type: 'image/png' }),
      ]),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('[data-code="file-invalid-type"]')).toHaveTextContent('notes.txt');
    expect(alert.querySelector('[data-code="file-too-large"]')).toHaveTextContent('big.png');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(uploadPuts()).toBe(putsBefore);
  });
});
