// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator and store.
import '@testing-library/jest-dom/vitest';
import { DEFAULT_GC_TIME, FalStore } from '@falkit/core/observers';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useLayoutEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FalProvider, useFalClient, useFalStore, useFalSubscribe } from '../../src';
import {
  addGatedApp,
  emulatorWithClient,
  listeningEmulatorWithClient,
  renderWithClient,
  submits,
} from './hookTestUtils';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Echo({ input, gcTime }: { input: object; gcTime?: number }) {
  const job = useFalSubscribe('falkit/echo', input, { throttle: 0, gcTime });
  return <span data-testid="job">{`${job.status}:${JSON.stringify(job.data ?? null)}`}</span>;
}

describe('<FalProvider store>: hooks are views over one FalStore', () => {
  it('useFalStore() and useFalClient() give the provided store and its client; the hook keeps its request there', async () => {
    const { client } = emulatorWithClient();
    const store = new FalStore({ client });
    const seen: { store?: FalStore; client?: unknown } = {};
    function Probe() {
      seen.store = useFalStore();
      seen.client = useFalClient();
      return <Echo input={{ a: 1 }} />;
    }
    render(
      <FalProvider store={store}>
        <Probe />
      </FalProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('job')).toHaveTextContent('success:{"a":1}'));
    expect(seen.store).toBe(store);
    expect(seen.client).toBe(client);
    expect(store.getAll()).toHaveLength(1);
    expect(store.getAll()[0]).toMatchObject({ kind: 'queue', endpointId: 'falkit/echo', observerCount: 1 });
  });

  it('a bare client uses its default store; a config or policies build the provider its own', () => {
    const { client } = emulatorWithClient();
    const stores: FalStore[] = [];
    function Probe() {
      stores.push(useFalStore());
      return null;
    }
    render(
      <>
        <FalProvider client={client}>
          <Probe />
        </FalProvider>
        <FalProvider client={client} gcTime={1_000} maxLogs={10}>
          <Probe />
        </FalProvider>
      </>,
    );
    expect(stores[0]).toBe(FalStore.for(client));
    expect(stores[1]).not.toBe(FalStore.for(client));
    expect(stores[1]).toMatchObject({ client, gcTime: 1_000, maxLogs: 10 });
  });

  it('remount within gcTime: the result shows at once and nothing is submitted; after gcTime a mount submits again', async () => {
    const { emulator, client } = emulatorWithClient();
    const store = new FalStore({ client });
    const ui = (
      <FalProvider store={store}>
        <Echo input={{ nav: 1 }} />
      </FalProvider>
    );
    const first = render(ui);
    await waitFor(() => expect(screen.getByTestId('job')).toHaveTextContent('success:{"nav":1}'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    first.unmount();
    await act(() => vi.advanceTimersByTimeAsync(0));

    // Navigate back: the first render already shows the kept result.
    const second = render(ui);
    expect(screen.getByTestId('job')).toHaveTextContent('success:{"nav":1}');
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    second.unmount();

    await act(() => vi.advanceTimersByTimeAsync(DEFAULT_GC_TIME - 1));
    expect(store.getAll()).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(store.getAll()).toHaveLength(0);
    vi.useRealTimers();

    render(ui);
    await waitFor(() => expect(screen.getByTestId('job')).toHaveTextContent('success:{"nav":1}'));
    expect(submits(emulator, 'falkit/echo')).toBe(2);
  });

  it('remount in StrictMode within gcTime submits nothing new either', async () => {
    const { emulator, client } = emulatorWithClient();
    const first = renderWithClient(<Echo input={{ strict: 1 }} />, client, { strict: true });
    await waitFor(() => expect(screen.getByTestId('job')).toHaveTextContent('success:{"strict":1}'));
    first.unmount();
    renderWithClient(<Echo input={{ strict: 1 }} />, client, { strict: true });
    expect(screen.getByTestId('job')).toHaveTextContent('success:{"strict":1}');
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    FalStore.for(client).clear();
  });

  it('gcTime 0 on the provider or on the hook: every mount submits (the old behaviour)', async () => {
    const { emulator, client } = emulatorWithClient();
    for (const [providerGc, hookGc] of [
      [0, undefined],
      [undefined, 0],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const view = render(
          <FalProvider client={client} gcTime={providerGc}>
            <Echo input={{ zero: 1 }} gcTime={hookGc} />
          </FalProvider>,
        );
        await waitFor(() => expect(screen.getByTestId('job')).toHaveTextContent('success:{"zero":1}'));
        view.unmount();
        // Released a microtask after the last observer left (a StrictMode remount in between keeps it).
        await act(async () => {});
      }
    }
    expect(submits(emulator, 'falkit/echo')).toBe(4);
  });

  it('prefetch outside components: the component shows the result with no submit of its own', async () => {
    const { emulator, client } = emulatorWithClient();
    const store = new FalStore({ client });
    await store.prefetch('falkit/echo', { pre: 1 });
    render(
      <FalProvider store={store}>
        <Echo input={{ pre: 1 }} />
      </FalProvider>,
    );
    expect(screen.getByTestId('job')).toHaveTextContent('success:{"pre":1}');
    expect(submits(emulator, 'falkit/echo')).toBe(1);
  });
});

describe('no lost submits', () => {
  for (const strict of [false, true]) {
    it(`submit() from a layout effect on mount is tracked, then cancelled on unmount with 0 open status streams${strict ? ' (StrictMode)' : ''}`, async () => {
      const env = await listeningEmulatorWithClient();
      try {
        addGatedApp(env.emulator, 'test/gated');
        const statuses: string[] = [];
        function Early() {
          const job = useFalSubscribe<'test/gated', { n: number }, unknown>('test/gated', null, {
            throttle: 0,
          });
          // Runs before useSyncExternalStore subscribes (a passive effect): nobody listens yet.
          useLayoutEffect(() => {
            void job.submit({ n: 1 });
          }, [job.submit]);
          statuses.push(job.status);
          return <span data-testid="job">{job.status}</span>;
        }
        const view = render(
          <FalProvider client={env.client}>
            {strict ? (
              <StrictMode>
                <Early />
              </StrictMode>
            ) : (
              <Early />
            )}
          </FalProvider>,
        );
        await waitFor(() => expect(screen.getByTestId('job')).toHaveTextContent('in_progress'));
        // StrictMode runs the layout effect twice: the replaced submit is cancelled (or never reaches
        // the server), so exactly one job runs.
        await waitFor(() =>
          expect(env.emulator.jobs().filter((job) => job.status !== 'CANCELLED')).toHaveLength(1),
        );
        view.unmount();
        await waitFor(() =>
          expect(env.emulator.jobs().every((job) => job.status === 'CANCELLED')).toBe(true),
        );
        await waitFor(() => expect(env.emulator.openConnections()).toBe(0));
        expect(FalStore.for(env.client).getAll()).toHaveLength(0);
      } finally {
        await env.close();
      }
    });
  }
});
