import { createFalClient } from '@falkit/core';
import { FalStore } from '@falkit/core/observers';
import { createEmulator } from '@falkit/emulator';
import { FalProvider, useFalStream, useUpload } from '@falkit/react';
import { act, cleanup, render, renderHook, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FalDevtools } from '../src/index';
import { createStoreSource } from '../src/storeAdapter';

function storeOnEmulator() {
  const emulator = createEmulator({ speed: 0 });
  const client = createFalClient({
    credentials: 'test-key',
    baseUrl: 'http://emulator.test',
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  return new FalStore({ client });
}

/**
 * The panel is a lazy chunk: on a busy machine its first import (which vitest transforms) takes
 * seconds, beyond waitFor's default 1 s. Waiting for it is waiting for a module, not a timing claim.
 */
const LAZY_PANEL = { timeout: 30_000 };

const shadowOf = (container: HTMLElement) => {
  const root = container.querySelector('[data-falkit-devtools]')?.shadowRoot;
  if (!root) throw new Error('no shadow root yet');
  return root;
};

afterEach(() => {
  // Unmounted here, not by the environment's teardown: a mounted panel's pending notify timer would
  // fire into React after jsdom's window is gone.
  cleanup();
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('<FalDevtools />', { timeout: 60_000 }, () => {
  it('lists the requests of the nearest <FalProvider>’s store, live', async () => {
    const store = storeOnEmulator();
    const { container, unmount } = render(
      <FalProvider store={store}>
        <FalDevtools initialIsOpen />
      </FalProvider>,
    );
    const panel = await waitFor(() => {
      // Queried on the shadow root directly: testing-library cannot print a ShadowRoot in its errors.
      const found = shadowOf(container).querySelector<HTMLElement>('section[aria-label="falkit devtools"]');
      if (!found) throw new Error('the panel has not rendered yet');
      return found;
    }, LAZY_PANEL);
    expect(within(panel).getByText('No requests match.')).toBeTruthy();
    await act(() => store.prefetch('falkit/echo', { from: 'test' }));
    // jsdom lays nothing out, so the virtualised rows stay unrendered: read the counts and filters.
    await waitFor(() => expect(within(panel).getByRole('tab', { name: 'Requests (1)' })).toBeTruthy());
    await waitFor(() => expect(within(panel).getByRole('option', { name: 'success' })).toBeTruthy());
    unmount();
    store.clear();
  });

  it('lists the hooks’ streams and uploads while they are mounted (the provider’s store tracks them)', async () => {
    // In jsdom the client uploads with XMLHttpRequest (for progress events): a real loopback port.
    const emulator = createEmulator({ speed: 0 });
    const server = await emulator.listen({ port: 0 });
    onTestFinished(() => emulator.close());
    const store = new FalStore({ client: createFalClient({ credentials: 'test-key', baseUrl: server.url }) });
    const source = createStoreSource(store, { notifyIntervalMs: 0 });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <FalProvider store={store}>{children}</FalProvider>
    );
    const { result, unmount } = renderHook(
      () => ({
        stream: useFalStream<'falkit/echo', { events: number }, unknown>('falkit/echo', { throttle: 0 }),
        upload: useUpload({ throttle: 0 }),
      }),
      { wrapper },
    );
    expect(source.getEntries()).toEqual([]);
    await act(() => result.current.stream.start({ events: 3 }));
    await act(() => result.current.upload.upload([new Blob(['hi!'], { type: 'text/plain' })]));
    const entries = source.getEntries();
    expect(entries.map((entry) => `${entry.kind} ${entry.status}`)).toEqual([
      'upload success',
      'stream success',
    ]);
    expect(entries[1]).toMatchObject({
      endpointId: 'falkit/echo',
      input: { events: 3 },
      stream: { eventCount: 4 },
    });
    expect(entries[1]!.requestId).toEqual(expect.any(String));
    expect(entries[0]).toMatchObject({ upload: { loaded: 3, total: 3, files: 1 } });
    unmount();
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(source.getEntries()).toEqual([]);
    source.dispose();
  });

  it('takes a store as a prop (another store than the provider’s)', async () => {
    const store = storeOnEmulator();
    await store.prefetch('falkit/echo', { mine: true });
    const { container } = render(<FalDevtools store={store} initialIsOpen />);
    await waitFor(
      () => expect(shadowOf(container).querySelector('[role="tab"]')?.textContent).toBe('Requests (1)'),
      LAZY_PANEL,
    );
    store.clear();
  });

  it('opens the drawer (loaded on demand) from its button, and closes it with Escape', async () => {
    const store = storeOnEmulator();
    const { container } = render(<FalDevtools store={store} />);
    const toggle = await waitFor(() => {
      const button = shadowOf(container).querySelector<HTMLButtonElement>('.fkd-toggle');
      if (!button) throw new Error('no button yet');
      return button;
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(shadowOf(container).querySelector('[role="region"]')).toBeNull();
    act(() => toggle.click());
    const panel = await waitFor(() =>
      within(shadowOf(container) as unknown as HTMLElement).getByRole('region', { name: 'falkit devtools' }),
    );
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    act(() => {
      panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    await waitFor(() => expect(shadowOf(container).querySelector('[role="region"]')).toBeNull());
    store.clear();
  });

  it('renders nothing from the default entry when NODE_ENV is production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const production = await import('../src/index');
    const store = storeOnEmulator();
    const { container } = render(<production.FalDevtools store={store} initialIsOpen />);
    expect(container.innerHTML).toBe('');
    // The explicit entry ships them anyway.
    const explicit = await import('../src/entries/production');
    const shown = render(<explicit.FalDevtools store={store} />);
    await waitFor(
      () => expect(shadowOf(shown.container).querySelector('.fkd-toggle')).not.toBeNull(),
      LAZY_PANEL,
    );
  });
});
