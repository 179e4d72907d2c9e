// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { useUpload } from '../../src';
import { listeningEmulatorWithClient, renderWithClient } from './hookTestUtils';

afterEach(cleanup);

describe('useUpload', () => {
  it('uploads accepted files, shows progress and URLs, and lists rejections with codes', async () => {
    // In jsdom the client uploads with XMLHttpRequest (for progress events), so use a real port.
    const { emulator, client, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    const files = [
      new File(['png bytes'], 'a.png', { type: 'image/png' }),
      new File(['text'], 'notes.txt', { type: 'text/plain' }),
    ];
    let returned: string[] | undefined;
    function Uploader() {
      const upload = useUpload({ accept: 'image/*', throttle: 0 });
      return (
        <div>
          <button
            type="button"
            onClick={() =>
              upload.upload(files).then(
                (urls) => (returned = urls),
                () => {},
              )
            }
          >
            upload
          </button>
          <span data-testid="status">{upload.status}</span>
          <span data-testid="progress">{`${upload.progress.loaded}/${upload.progress.total}`}</span>
          <span data-testid="urls">{upload.urls.length}</span>
          <span data-testid="errors">{upload.errors.map((e) => e.code).join(',')}</span>
        </div>
      );
    }
    renderWithClient(<Uploader />, client, { strict: true });
    act(() => screen.getByText('upload').click());
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(screen.getByTestId('progress').textContent).toBe('9/9');
    expect(screen.getByTestId('urls')).toHaveTextContent('1');
    expect(screen.getByTestId('errors')).toHaveTextContent('file-invalid-type');
    expect(returned).toHaveLength(1);
    const stored = await emulator.fetch(
      new Request(returned![0]!.replace(/^http:\/\/[^/]+/, 'http://emulator.test')),
    );
    expect(await stored.text()).toBe('png bytes');
  });

  it('cancel() aborts the transfer and ends in cancelled; unmount aborts one in flight; no connection stays open', async () => {
    const { emulator, client, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    // Hold every file transfer (the PUT of the bytes) until it is aborted.
    emulator.faults.add({ method: 'PUT', type: 'delay', ms: 600_000, times: Number.POSITIVE_INFINITY });
    const outcomes: string[] = [];
    function Uploader() {
      const upload = useUpload({ throttle: 0 });
      return (
        <div>
          <button
            type="button"
            onClick={() =>
              upload.upload(new File(['bytes'], 'a.txt', { type: 'text/plain' })).then(
                () => outcomes.push('resolved'),
                (error: Error) => outcomes.push(`rejected:${error.name}`),
              )
            }
          >
            upload
          </button>
          <button type="button" onClick={upload.cancel}>
            cancel
          </button>
          <span data-testid="status">{`${upload.status}:${upload.files.map((f) => f.status).join(',')}`}</span>
        </div>
      );
    }
    const view = renderWithClient(<Uploader />, client, { strict: true });
    act(() => screen.getByText('upload').click());
    await waitFor(() => expect(emulator.openConnections()).toBe(1));
    expect(screen.getByTestId('status')).toHaveTextContent(/^uploading:/);
    act(() => screen.getByText('cancel').click());
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/^cancelled:/));
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
    await waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatch(/^rejected:/);

    act(() => screen.getByText('upload').click());
    await waitFor(() => expect(emulator.openConnections()).toBe(1));
    view.unmount();
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
    await waitFor(() => expect(outcomes).toHaveLength(2));
  });
});
