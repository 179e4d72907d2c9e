// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { falMutationOptions, falQueryOptions, falStreamQueryOptions } from '../../src/entries/query';
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
    expect(options.queryKey).toEqual(['fal', 'falkit/echo', { q: 1 }]);
    function View() {
      const query = useQuery(falQueryOptions('falkit/echo', { q: 1 }, { client }));
      return <span data-testid="data">{JSON.stringify(query.data ?? null)}</span>;
    }
    render(<View />, { wrapper: withQueryClient(queryClient) });
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"q":1}'));
    expect(queryClient.getQueryData(['fal', 'falkit/echo', { q: 1 }])).toEqual({ q: 1 });
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
    expect(options.queryKey).toEqual(['fal', 'falkit/echo', { events: 3 }, 'stream']);
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
});
