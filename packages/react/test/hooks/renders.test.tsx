// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import type { AppContext } from '@falkit/emulator';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFalSubscribe } from '../../src';
import { emulatorWithClient, renderWithClient } from './hookTestUtils';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const FLOOD = 1000;

/** An app that writes FLOOD log lines one by one while running, then finishes. */
async function flood(ctx: AppContext) {
  for (let i = 0; i < FLOOD; i++) {
    ctx.log(`line ${i}`);
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
  return { lines: FLOOD };
}

describe('renders under a flood of 1,000 log lines', () => {
  it('a status-only reader renders per status change; a log reader is bounded by the frame throttle', async () => {
    // Animation frames never fire here: every log publish must wait for a status change.
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    const { client, emulator } = emulatorWithClient();
    emulator.app('test/flood', flood);
    const renders = { status: 0, logs: 0, unthrottled: 0 };
    const statuses: string[] = [];

    function StatusOnly() {
      const { status } = useFalSubscribe('test/flood', { run: 1 }, { logs: true });
      renders.status++;
      statuses.push(status);
      return <span data-testid="status">{status}</span>;
    }
    function LogCount() {
      const { logs } = useFalSubscribe('test/flood', { run: 1 }, { logs: true });
      renders.logs++;
      return <span data-testid="logs">{logs.length}</span>;
    }
    function Unthrottled() {
      const { logs } = useFalSubscribe('test/flood', { run: 1 }, { logs: true, throttle: 0 });
      renders.unthrottled++;
      return <span data-testid="unthrottled">{logs.length}</span>;
    }
    renderWithClient(
      <>
        <StatusOnly />
        <LogCount />
        <Unthrottled />
      </>,
      client,
    );
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'), {
      timeout: 10_000,
    });
    // The final logs are published with the terminal status.
    expect(screen.getByTestId('logs')).toHaveTextContent(String(FLOOD));
    expect(screen.getByTestId('unthrottled')).toHaveTextContent(String(FLOOD));
    // One shared job: all three components follow the same request.
    expect(emulator.jobs()).toHaveLength(1);
    const distinctStatuses = statuses.filter((s, i) => s !== statuses[i - 1]).length;
    expect(renders.status, JSON.stringify({ renders, statuses })).toBeLessThanOrEqual(distinctStatuses + 1);
    expect(renders.logs, JSON.stringify(renders)).toBeLessThanOrEqual(8);
    // Without a throttle the same flood renders far more often: the bound above is the throttle's doing.
    expect(renders.unthrottled, JSON.stringify(renders)).toBeGreaterThan(50);
  });
});
