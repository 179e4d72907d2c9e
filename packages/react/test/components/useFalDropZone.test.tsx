import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type UseFalDropZoneOptions, useFalDropZone } from '../../src/components/useFalDropZone';

afterEach(cleanup);

function Zone(props: UseFalDropZoneOptions & { onRootKeyDown?: () => void }) {
  const { onRootKeyDown, ...options } = props;
  const zone = useFalDropZone(options);
  return (
    <div {...zone.getRootProps({ role: 'button', 'aria-label': 'Upload files', onKeyDown: onRootKeyDown })}>
      <input {...zone.getInputProps()} data-testid="input" />
      <output data-testid="rejections">
        {zone.rejections.map((rejection) => `${rejection.file.name}:${rejection.code}`).join(',')}
      </output>
      <output data-testid="accepted">{zone.acceptedFiles.map((file) => file.name).join(',')}</output>
    </div>
  );
}

const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });

function pick(files: File[]) {
  fireEvent.change(screen.getByTestId('input'), { target: { files } });
}

describe('useFalDropZone', () => {
  it('opens the file dialog from the keyboard and composes the caller handler', () => {
    const onRootKeyDown = vi.fn();
    render(<Zone onRootKeyDown={onRootKeyDown} />);
    const root = screen.getByRole('button', { name: 'Upload files' });
    expect(root).toHaveAttribute('tabindex', '0');
    const click = vi.spyOn(screen.getByTestId<HTMLInputElement>('input'), 'click');
    fireEvent.keyDown(root, { key: 'Enter' });
    fireEvent.keyDown(root, { key: ' ' });
    expect(click).toHaveBeenCalledTimes(2);
    expect(onRootKeyDown).toHaveBeenCalledTimes(2);
  });

  it('rejects with typed codes for type, size and count', async () => {
    const onRejected = vi.fn();
    const { rerender } = render(<Zone accept="image/*" maxSize={100} onRejected={onRejected} />);
    pick([file('a.png', 'image/png'), file('b.txt', 'text/plain'), file('c.png', 'image/png', 500)]);
    await waitFor(() =>
      expect(screen.getByTestId('rejections')).toHaveTextContent(
        'b.txt:file-invalid-type,c.png:file-too-large',
      ),
    );
    expect(screen.getByTestId('accepted')).toHaveTextContent('a.png');
    // Core's rejection shape and messages (the same as useUpload's).
    expect(onRejected.mock.calls[0]?.[0][0]).toEqual({
      file: expect.objectContaining({ name: 'b.txt' }),
      code: 'file-invalid-type',
      message: 'b.txt: file type text/plain is not accepted',
    });
    expect(onRejected.mock.calls[0]?.[0][1].message).toBe('c.png is larger than 100 B');

    // More than maxFiles: the whole drop is refused (core's count rule), nothing accepted.
    rerender(<Zone maxFiles={1} />);
    pick([file('a.png', 'image/png'), file('b.png', 'image/png')]);
    await waitFor(() =>
      expect(screen.getByTestId('rejections')).toHaveTextContent('a.png:too-many-files,b.png:too-many-files'),
    );
    expect(screen.getByTestId('accepted')).toHaveTextContent('');
  });

  it('an extension-only accept matches names only: .wav never admits setup.exe', async () => {
    const onDrop = vi.fn();
    render(<Zone accept={['audio/wav', '.wav']} onDrop={onDrop} />);
    expect(screen.getByTestId('input')).toHaveAttribute('accept', 'audio/wav,.wav');
    pick([
      file('setup.exe', 'application/octet-stream'),
      file('take.wav', ''),
      file('voice.bin', 'audio/wav'),
    ]);
    await waitFor(() => expect(onDrop).toHaveBeenCalledTimes(1));
    const [accepted, rejections] = onDrop.mock.calls[0]!;
    expect(accepted.map((f: File) => f.name)).toEqual(['take.wav', 'voice.bin']);
    expect(rejections.map((r: { code: string; file: File }) => `${r.file.name}:${r.code}`)).toEqual([
      'setup.exe:file-invalid-type',
    ]);
  });

  it('accepts extensions and runs an async validator', async () => {
    const onDrop = vi.fn();
    render(
      <Zone
        accept={['.wav']}
        validator={async (candidate) => (candidate.size === 0 ? 'File is empty' : null)}
        onDrop={onDrop}
      />,
    );
    pick([file('ok.wav', 'audio/wav'), file('empty.wav', 'audio/wav', 0)]);
    await waitFor(() => expect(onDrop).toHaveBeenCalledTimes(1));
    const [accepted, rejections] = onDrop.mock.calls[0]!;
    expect(accepted.map((f: File) => f.name)).toEqual(['ok.wav']);
    expect(rejections[0]).toMatchObject({ code: 'validation-failed', message: 'empty.wav: File is empty' });
  });

  it('accepts files pasted into the zone', async () => {
    const onAccepted = vi.fn();
    render(<Zone onAccepted={onAccepted} />);
    const pasted = file('shot.png', 'image/png');
    fireEvent.paste(screen.getByRole('button'), {
      clipboardData: {
        files: [pasted],
        items: [{ kind: 'file', type: 'image/png', getAsFile: () => pasted }],
        types: ['Files'],
      },
    });
    await waitFor(() => expect(onAccepted).toHaveBeenCalledTimes(1));
    expect(onAccepted.mock.calls[0]?.[0][0].name).toBe('shot.png');
  });
});
