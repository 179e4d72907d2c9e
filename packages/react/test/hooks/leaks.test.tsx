// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator and client.
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { useFalRun, useFalStream, useFalSubscribe, useUpload } from '../../src';
import { addForeverApp, emulatorWithClient, renderWithClient } from './hookTestUtils';

afterEach(cleanup);

describe('unmount leaves nothing behind', () => {
  it('no timer, interval or animation frame is left once every hook has unmounted mid-flight', async () => {
    vi.useFakeTimers({
      toFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'requestAnimationFrame',
        'cancelAnimationFrame',
      ],
    });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    // Enough workers for the three jobs at once (the direct call and the stream take one each).
    const { emulator, client } = emulatorWithClient({ workers: 3 });
    addForeverApp(emulator);
    function Everything() {
      // Default throttles (animation frames), a client-side timeout timer and a status stream.
      const job = useFalSubscribe('test/forever', { l: 1 }, { logs: true, timeout: 60_000 });
      const run = useFalRun('test/forever', { l: 2 }, { timeout: 60_000 });
      const stream = useFalStream('test/forever');
      const upload = useUpload();
      return (
        <div>
          <button type="button" onClick={() => void stream.start({ l: 3 })}>
            start
          </button>
          <span data-testid="state">{`${job.status}|${run.status}|${stream.status}|${upload.status}`}</span>
        </div>
      );
    }
    const view = renderWithClient(<Everything />, client, { strict: true });
    act(() => screen.getByText('start').click());
    // vi.waitFor advances the fake clock while polling (the emulator schedules its work with timers).
    await vi.waitFor(() =>
      expect(screen.getByTestId('state')).toHaveTextContent('in_progress|in_progress|streaming|idle'),
    );
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    view.unmount();
    await vi.waitFor(() => expect(emulator.jobs().every((job) => job.status !== 'IN_PROGRESS')).toBe(true));
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(0));
  });
});
