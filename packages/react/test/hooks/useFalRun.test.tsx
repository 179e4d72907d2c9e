// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { useFalRun } from '../../src';
import {
  addForeverApp,
  emulatorWithClient,
  listeningEmulatorWithClient,
  renderWithClient,
} from './hookTestUtils';

afterEach(cleanup);

describe('useFalRun', () => {
  it('calls the endpoint directly once under StrictMode and renders the result', async () => {
    const { emulator, client } = emulatorWithClient();
    const statuses: string[] = [];
    function Run() {
      const run = useFalRun('falkit/echo', { direct: true }, { throttle: 0 });
      statuses.push(run.status);
      return <span data-testid="data">{JSON.stringify(run.data ?? null)}</span>;
    }
    renderWithClient(<Run />, client, { strict: true });
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"direct":true}'));
    expect(statuses).toContain('in_progress');
    expect(statuses.at(-1)).toBe('success');
    expect(emulator.requests().filter((r) => r.host === 'fal.run')).toHaveLength(1);
    expect(emulator.requests().filter((r) => r.host === 'queue.fal.run')).toHaveLength(0);
  });

  it('does not start while enabled is false', async () => {
    const { emulator, client } = emulatorWithClient();
    function Run({ enabled }: { enabled: boolean }) {
      const run = useFalRun('falkit/echo', { e: 1 }, { throttle: 0, enabled });
      return <span data-testid="status">{run.status}</span>;
    }
    const view = renderWithClient(<Run enabled={false} />, client);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.getByTestId('status')).toHaveTextContent('idle');
    expect(emulator.requests()).toHaveLength(0);
    view.rerender(<Run enabled />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
  });

  it('drops the connection on unmount', async () => {
    const { emulator, client, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    addForeverApp(emulator);
    function Run() {
      const run = useFalRun('test/forever', {}, { throttle: 0 });
      return <span data-testid="status">{run.status}</span>;
    }
    const view = renderWithClient(<Run />, client);
    await waitFor(() => expect(emulator.openConnections()).toBe(1));
    view.unmount();
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
  });
});
