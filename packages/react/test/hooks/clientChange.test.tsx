// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulators and clients.
import '@testing-library/jest-dom/vitest';
import type { FalClient } from '@falkit/core';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FalProvider, useFalRun, useFalSubscribe } from '../../src';
import { addGatedApp, emulatorWithClient, renderWithClient, submits } from './hookTestUtils';

afterEach(cleanup);

describe('changing the client after mount', () => {
  it('useFalSubscribe: the `client` option switches to a job on the new client and cancels the old one', async () => {
    const a = emulatorWithClient();
    const b = emulatorWithClient();
    addGatedApp(a.emulator, 'test/gated');
    const releaseB = addGatedApp(b.emulator, 'test/gated');
    function Job({ client }: { client: FalClient }) {
      const job = useFalSubscribe('test/gated', { n: 1 }, { client, throttle: 0 });
      return <span data-testid="status">{`${job.status}:${job.requestId ?? ''}`}</span>;
    }
    // The provider's client is neither: the option wins.
    const { client: unused, emulator: unusedEmulator } = emulatorWithClient();
    const view = renderWithClient(<Job client={a.client} />, unused, { strict: true });
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/^in_progress:.+/));
    const idA = a.emulator.jobs()[0]!.requestId;
    expect(screen.getByTestId('status')).toHaveTextContent(idA);

    view.rerender(<Job client={b.client} />);
    await waitFor(() => expect(b.emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
    await waitFor(() => expect(a.emulator.jobs()[0]?.status).toBe('CANCELLED'));
    const idB = b.emulator.jobs()[0]!.requestId;
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(`in_progress:${idB}`));
    releaseB();
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(`success:${idB}`));
    expect(submits(a.emulator, 'test/gated')).toBe(1);
    expect(submits(b.emulator, 'test/gated')).toBe(1);
    expect(unusedEmulator.requests()).toHaveLength(0);
  });

  it('useFalRun: a new provider client runs the query again on that client', async () => {
    const a = emulatorWithClient();
    const b = emulatorWithClient();
    function Run() {
      const run = useFalRun('falkit/echo', { r: 1 }, { throttle: 0 });
      return <span data-testid="data">{JSON.stringify(run.data ?? null)}</span>;
    }
    const view = render(
      <FalProvider client={a.client}>
        <Run />
      </FalProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"r":1}'));
    expect(b.emulator.requests()).toHaveLength(0);

    view.rerender(
      <FalProvider client={b.client}>
        <Run />
      </FalProvider>,
    );
    await waitFor(() => expect(b.emulator.requests()).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"r":1}'));
    expect(a.emulator.requests()).toHaveLength(1);
    expect(b.emulator.requests()[0]?.host).toBe('fal.run');
  });
});
