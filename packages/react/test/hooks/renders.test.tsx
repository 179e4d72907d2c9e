// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import type { AppContext } from '@falkit/emulator';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFalStream, useFalSubscribe } from '../../src';
import { emulatorWithClient, renderWithClient } from './hookTestUtils';

// Render counts here never depend on wall-clock time: animation frames are faked and never fire,
// so a throttled publish can only reach React together with a status change, and the emulator
// app yields with setImmediate (ordering, not time).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** An app that writes `lines` log lines one by one while running, then finishes. */
function floodApp(lines: number) {
  return async (ctx: AppContext) => {
    for (let i = 0; i < lines; i++) {
      ctx.log(`line ${i}`);
      if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    return { lines };
  };
}

describe('renders under a flood of log lines', () => {
  it('1,000 lines: a status-only reader renders per status change; a log reader is bounded by the frame throttle', async () => {
    const FLOOD = 1000;
    const { client, emulator } = emulatorWithClient();
    emulator.app('test/flood', floodApp(FLOOD));
    const renders = { status: 0, logs: 0 };
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
    renderWithClient(
      <>
        <StatusOnly />
        <LogCount />
      </>,
      client,
    );
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'), {
      timeout: 10_000,
    });
    // The final logs are published with the terminal status.
    expect(screen.getByTestId('logs')).toHaveTextContent(String(FLOOD));
    // One shared job: both components follow the same request.
    expect(emulator.jobs()).toHaveLength(1);
    const distinctStatuses = statuses.filter((s, i) => s !== statuses[i - 1]).length;
    expect(renders.status, JSON.stringify({ renders, statuses })).toBeLessThanOrEqual(distinctStatuses + 1);
    expect(renders.logs, JSON.stringify(renders)).toBeLessThanOrEqual(8);
  });

  it('the bound is the throttle: with throttle 0 the same kind of flood renders per status event', async () => {
    // Smaller flood: each unthrottled render is a real React render, and 100 are enough to contrast.
    const FLOOD = 100;
    const { client, emulator } = emulatorWithClient();
    emulator.app('test/flood', floodApp(FLOOD));
    const renders = { throttled: 0, unthrottled: 0 };

    function Throttled() {
      const { logs, status } = useFalSubscribe('test/flood', { run: 2 }, { logs: true });
      renders.throttled++;
      return (
        <span data-testid="throttled">
          {status}:{logs.length}
        </span>
      );
    }
    function Unthrottled() {
      const { logs } = useFalSubscribe('test/flood', { run: 2 }, { logs: true, throttle: 0 });
      renders.unthrottled++;
      return <span data-testid="unthrottled">{logs.length}</span>;
    }
    renderWithClient(
      <>
        <Throttled />
        <Unthrottled />
      </>,
      client,
    );
    await waitFor(() => expect(screen.getByTestId('throttled')).toHaveTextContent(`success:${FLOOD}`), {
      timeout: 30_000,
    });
    expect(screen.getByTestId('unthrottled')).toHaveTextContent(String(FLOOD));
    expect(emulator.jobs()).toHaveLength(1);
    expect(renders.throttled, JSON.stringify(renders)).toBeLessThanOrEqual(8);
    expect(renders.unthrottled, JSON.stringify(renders)).toBeGreaterThan(FLOOD / 2);
  });

  it('stream chunks: 500 events render a bounded number of times by default, once per event with throttle 0', async () => {
    const EVENTS = 500;
    const { client, emulator } = emulatorWithClient();
    emulator.app('test/chunks', async function* () {
      for (let i = 0; i < EVENTS; i++) {
        yield { index: i };
        if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const renders = { throttled: 0, unthrottled: 0 };
    function Throttled() {
      const stream = useFalStream<'test/chunks', object, { index: number }>('test/chunks');
      renders.throttled++;
      return (
        <button type="button" onClick={() => void stream.start({})}>
          {`${stream.status}:${stream.data?.index ?? ''}:${stream.eventCount}`}
        </button>
      );
    }
    function Unthrottled() {
      const stream = useFalStream<'test/chunks', object, { index: number }>('test/chunks', { throttle: 0 });
      renders.unthrottled++;
      return (
        <button type="button" onClick={() => void stream.start({})}>
          {`${stream.status}:${stream.eventCount}`}
        </button>
      );
    }
    renderWithClient(
      <>
        <Throttled />
        <Unthrottled />
      </>,
      client,
    );
    const [throttled, unthrottled] = screen.getAllByRole('button');
    act(() => {
      throttled!.click();
      unthrottled!.click();
    });
    // The wait is for the stream's end (500 events take seconds on a busy 2-core machine), not a timing bound.
    const untilDone = { timeout: 30_000 };
    await waitFor(() => expect(throttled).toHaveTextContent(`success:${EVENTS - 1}:${EVENTS}`), untilDone);
    await waitFor(() => expect(unthrottled).toHaveTextContent(`success:${EVENTS}`), untilDone);
    // Initial render, streaming, success (+1 slack): with frames frozen, chunks never reach React alone;
    // the final event is published together with success.
    expect(renders.throttled, JSON.stringify(renders)).toBeLessThanOrEqual(4);
    expect(renders.unthrottled, JSON.stringify(renders)).toBeGreaterThan(EVENTS / 10);
  }, 60_000);
});
