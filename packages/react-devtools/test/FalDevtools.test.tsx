import { createFalClient } from '@falkit/core';
import { FalStore } from '@falkit/core/observers';
import { createEmulator } from '@falkit/emulator';
import { FalProvider } from '@falkit/react';
import { act, cleanup, render, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FalDevtools } from '../src/index';

function storeOnEmulator() {
  const emulator = createEmulator({ speed: 0 });
  const client = createFalClient({
    credentials: 'test-key',
    baseUrl: 'http://emulator.test',
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  return new FalStore({ client });
}

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

describe('<FalDevtools />', () => {
  it('lists the requests of the nearest <FalProvider>’s store, live', async () => {
    const store = storeOnEmulator();
    const { container, unmount } = render(
      <FalProvider store={store}>
        <FalDevtools initialIsOpen />
      </FalProvider>,
    );
    const panel = await waitFor(() =>
      within(shadowOf(container) as unknown as HTMLElement).getByRole('region', { name: 'falkit devtools' }),
    );
    expect(within(panel).getByText('No requests match.')).toBeTruthy();
    await act(() => store.prefetch('falkit/echo', { from: 'test' }));
    // jsdom lays nothing out, so the virtualised rows stay unrendered: read the counts and filters.
    await waitFor(() => expect(within(panel).getByRole('tab', { name: 'Requests (1)' })).toBeTruthy());
    await waitFor(() => expect(within(panel).getByRole('option', { name: 'success' })).toBeTruthy());
    unmount();
    store.clear();
  });

  it('takes a store as a prop (another store than the provider’s)', async () => {
    const store = storeOnEmulator();
    await store.prefetch('falkit/echo', { mine: true });
    const { container } = render(<FalDevtools store={store} initialIsOpen />);
    await waitFor(() =>
      expect(shadowOf(container).querySelector('[role="tab"]')?.textContent).toBe('Requests (1)'),
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
    await waitFor(() => expect(shadowOf(shown.container).querySelector('.fkd-toggle')).not.toBeNull());
  });
});
