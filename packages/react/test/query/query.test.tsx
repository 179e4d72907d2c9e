// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { FalStore } from '@falkit/core/observers';
import {
  falMutationOptions,
  falQueryKey,
  falQueryOptions,
  falStreamQueryOptions,
} from '../../src/entries/query';
import { addForeverApp, emulatorWithClient, listeningEmulatorWithClient } from '../hooks/hookTestUtils';

afterEach(cleanup);

function withQueryClient(queryClient = new QueryClient()) {
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
}

describe('@falkit/react/query', () => {
  it('falQueryOptions runs the job through the queue under the documented key', async () => {
    const { emulator, client } = emulatorWithClient();
    const queryClient = new QueryClient();
    const options = falQueryOptions('falkit/echo', { q: 1 }, { client });
    expect(options.queryKey).toEqual([
      'fal',
      'falkit/echo',
      { q: 1 },
      FalStore.for(client).requestKey('queue', 'falkit/echo', { q: 1 }),
    ]);
    expect(options.queryKey).toEqual(falQueryKey('falkit/echo', { q: 1 }, { client }));
    function View() {
      const query = useQuery(falQueryOptions('falkit/echo', { q: 1 }, { client }));
      return <span data-testid="data">{JSON.stringify(query.data ?? null)}</span>;
    }
    render(<View />, { wrapper: withQueryClient(queryClient) });
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"q":1}'));
    expect(queryClient.getQueryData(options.queryKey)).toEqual({ q: 1 });
    expect(queryClient.getQueriesData({ queryKey: ['fal', 'falkit/echo', { q: 1 }] })).toHaveLength(1);
    expect(emulator.requests().filter((r) => r.method === 'POST' && r.host === 'queue.fal.run')).toHaveLength(
      1,
    );
  });

  it('mode: run calls the endpoint directly', async () => {
    const { emulator, client } = emulatorWithClient();
    const queryClient = new QueryClient();
    await expect(
      queryClient.fetchQuery(falQueryOptions('falkit/echo', { r: 1 }, { client, mode: 'run' })),
    ).resolves.toEqual({
      r: 1,
    });
    expect(emulator.requests().map((r) => r.host)).toEqual(['fal.run']);
  });

  it('cancelling the query cancels the fal job', async () => {
    const { emulator, client, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    addForeverApp(emulator);
    const queryClient = new QueryClient();
    const options = falQueryOptions('test/forever', { f: 1 }, { client });
    void queryClient.fetchQuery(options).catch(() => {});
    await waitFor(() => expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
    await queryClient.cancelQueries({ queryKey: options.queryKey });
    await waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
  });

  it('falMutationOptions submits on mutate', async () => {
    const { client } = emulatorWithClient();
    function View() {
      const mutation = useMutation(falMutationOptions('falkit/echo', { client }));
      return (
        <button type="button" onClick={() => mutation.mutate({ m: 1 })}>
          {JSON.stringify(mutation.data ?? null)}
        </button>
      );
    }
    render(<View />, { wrapper: withQueryClient() });
    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByRole('button')).toHaveTextContent('{"m":1}'));
  });

  it('falStreamQueryOptions accumulates streamed events', async () => {
    const { client } = emulatorWithClient();
    const queryClient = new QueryClient();
    const options = falStreamQueryOptions('falkit/echo', { events: 3 }, { client });
    expect(options.queryKey).toEqual([
      'fal',
      'falkit/echo',
      { events: 3 },
      FalStore.for(client).requestKey('stream', 'falkit/echo', { events: 3 }),
    ]);
    const data = await queryClient.fetchQuery(options);
    expect(data).toEqual([
      { index: 0, total: 3 },
      { index: 1, total: 3 },
      { index: 2, total: 3 },
      { events: 3 },
    ]);
  });

  it('falStreamQueryOptions with a reducer folds events into data', async () => {
    const { client } = emulatorWithClient();
    const queryClient = new QueryClient();
    const options = falStreamQueryOptions<'falkit/echo', { events: number }, { index?: number }, number>(
      'falkit/echo',
      { events: 4 },
      { client, reducer: (count, event) => count + (event.index === undefined ? 0 : 1), initialValue: 0 },
    );
    await expect(queryClient.fetchQuery(options)).resolves.toBe(4);
  });

  it('never shares an entry across clients or request options', async () => {
    const a = emulatorWithClient();
    const b = emulatorWithClient();
    const queryClient = new QueryClient();
    const input = { same: 1 };
    const keys = [
      falQueryOptions('falkit/echo', input, { client: a.client }).queryKey,
      falQueryOptions('falkit/echo', input, { client: b.client }).queryKey,
      falQueryOptions('falkit/echo', input, { client: a.client, logs: true }).queryKey,
      falQueryOptions('falkit/echo', input, { client: a.client, mode: 'run' }).queryKey,
      falQueryOptions('falkit/echo', input, { client: a.client, priority: 'low' }).queryKey,
    ];
    expect(new Set(keys.map((key) => JSON.stringify(key))).size).toBe(keys.length);
    await queryClient.fetchQuery(falQueryOptions('falkit/echo', input, { client: a.client }));
    await queryClient.fetchQuery(falQueryOptions('falkit/echo', input, { client: b.client }));
    await queryClient.fetchQuery(falQueryOptions('falkit/echo', input, { client: a.client, logs: true }));
    const posts = (emulator: typeof a.emulator) =>
      emulator.requests().filter((r) => r.method === 'POST').length;
    expect(posts(a.emulator)).toBe(2);
    expect(posts(b.emulator)).toBe(1);
    expect(queryClient.getQueriesData({ queryKey: ['fal', 'falkit/echo', input] })).toHaveLength(3);
  });

  it('is a view over the store: a result the store keeps is not submitted again; a refetch submits anew', async () => {
    const { emulator, client } = emulatorWithClient();
    const store = new FalStore({ client });
    await store.prefetch('falkit/echo', { s: 1 });
    const queryClient = new QueryClient();
    const options = falQueryOptions('falkit/echo', { s: 1 }, { store });
    await expect(queryClient.fetchQuery(options)).resolves.toEqual({ s: 1 });
    const posts = () => emulator.requests().filter((r) => r.method === 'POST').length;
    expect(posts()).toBe(1);
    await queryClient.refetchQueries({ queryKey: options.queryKey });
    expect(posts()).toBe(2);
    expect(store.getAll()).toHaveLength(1);
  });
});
