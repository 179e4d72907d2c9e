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
});
