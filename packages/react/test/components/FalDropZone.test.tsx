import '@testing-library/jest-dom/vitest';
import { createFalClient, type FalClient } from '@falkit/core';
import { createEmulator, type Emulator } from '@falkit/emulator';
import { type NodeServer, startNodeServer } from '@falkit/emulator/node';
import { act, cleanup, fireEvent, getConfig, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FalDropZone, type FalDropZoneProps } from '../../src/components/FalDropZone';
import { FalProvider } from '../../src/falProvider';
import { untilDom } from '../hooks/hookTestUtils';

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
    // Wait on the upload's own events, not on a clock: the row is read once each has happened.
    const failed = signal();
    const uploaded = signal<string>();
    renderZone({
      uploadOptions: { onError: () => failed.fire() },
      onUploaded: ({ url }) => uploaded.fire(url),
    });
    act(() => pick([new File(['retry me'], 'retry.txt', { type: 'text/plain' })]));

    await settle(failed.promise);
    const retry = await untilDom(() => screen.getByRole('button', { name: 'Retry upload of retry.txt' }));
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Upload of retry.txt' })).toHaveAttribute(
      'data-state',
      'error',
    );
    fireEvent.click(retry);
    const url = await settle(uploaded.promise);
    await untilDom(() => screen.getByRole('link', { name: url }));
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

  it.each([[['.wav']], [['audio/wav', '.wav']]])(
    'accept=%j refuses setup.exe (whatever its type) and sends nothing for it',
    async (accept) => {
      const requestsBefore = emulator.requests().length;
      const onUploaded = vi.fn();
      const rejected = signal();
      renderZone({ accept, onUploaded, onRejected: () => rejected.fire() });
      act(() =>
        pick([
          new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' }),
          new File(['MZ'], 'setup2.exe', { type: '' }),
          new File(['MZ'], 'setup3.exe', { type: 'application/x-msdownload' }),
        ]),
      );
      await settle(rejected.promise);
      const alert = await untilDom(() => screen.getByRole('alert'));
      expect(alert.querySelectorAll('[data-code="file-invalid-type"]')).toHaveLength(3);
      expect(alert).toHaveTextContent('setup.exe');
      expect(screen.queryByRole('progressbar')).toBeNull();
      expect(emulator.requests().length).toBe(requestsBefore);
      expect(onUploaded).not.toHaveBeenCalled();
      // The picker offers what accept names.
      expect(document.querySelector('input[type="file"]')).toHaveAttribute('accept', accept.join(','));
    },
  );

  it('accepts a .wav by name whatever type the browser reports', async () => {
    const uploaded = signal<string>();
    renderZone({ accept: ['.wav'], onUploaded: ({ url }) => uploaded.fire(url) });
    act(() => pick([new File(['RIFF'], 'take.wav', { type: '' })]));
    const url = await settle(uploaded.promise);
    expect(await (await fetch(url)).text()).toBe('RIFF');
  });

  it('8 dropped files never exceed the client upload limit (3) at the server', async () => {
    const gate = await gatedServer(emulator);
    try {
      const limited = createFalClient({ baseUrl: gate.url });
      const done: string[] = [];
      const allDone = signal();
      render(
        <StrictMode>
          <FalProvider client={limited}>
            <FalDropZone
              onUploaded={({ url }) => {
                done.push(url);
                if (done.length === 8) allDone.fire();
              }}
            />
          </FalProvider>
        </StrictMode>,
      );
      act(() => pick(Array.from({ length: 8 }, (_, i) => new File([`file ${i}`], `f${i}.txt`))));
      for (let released = 0; released < 8; released++) {
        await settle(gate.whenHeld(Math.min(3, 8 - released)));
        if (released === 0) {
          // 3 sending, 5 waiting their turn in the client's upload queue (and shown so).
          expect(gate.stats.inFlight).toBe(3);
          await untilDom(() =>
            expect(
              document.querySelectorAll('[data-falkit-element="drop-zone-file"][data-state="waiting"]'),
            ).toHaveLength(5),
          );
        }
        gate.releaseOne();
      }
      await settle(allDone.promise);
      expect(gate.stats.total).toBe(8);
      expect(gate.stats.max).toBe(3);
    } finally {
      await gate.close();
    }
  });
});

/** Waits for `promise` with React free to render meanwhile (outside `act`, as testing-library waits). */
function settle<T>(promise: Promise<T>): Promise<T> {
  return getConfig().asyncWrapper(() => promise) as Promise<T>;
}

/** A promise with its resolver, to wait for an event instead of polling with a timeout. */
function signal<T = void>() {
  let fire!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/**
 * The emulator behind a server that holds every PUT until the test releases it and counts how
 * many PUTs it is handling at once (the server side of the upload limit).
 */
async function gatedServer(target: Emulator) {
  const held: Array<() => void> = [];
  const waiters: Array<() => void> = [];
  const stats = { inFlight: 0, max: 0, total: 0 };
  const server: NodeServer = await startNodeServer(async (request) => {
    if (request.method !== 'PUT') return target.fetch(request);
    stats.total++;
    stats.inFlight++;
    stats.max = Math.max(stats.max, stats.inFlight);
    try {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        for (const wake of waiters.splice(0)) wake();
      });
      return await target.fetch(request);
    } finally {
      stats.inFlight--;
    }
  });
  return {
    url: server.url,
    stats,
    whenHeld: async (count: number) => {
      while (held.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    releaseOne: () => held.shift()?.(),
    close: async () => {
      for (const release of held.splice(0)) release();
      await server.close();
    },
  };
}
