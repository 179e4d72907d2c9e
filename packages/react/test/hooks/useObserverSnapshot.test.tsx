// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's observer and counters.
import '@testing-library/jest-dom/vitest';
import { SubscribeObserver } from '@falkit/core/observers';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useObserverSnapshot } from '../../src';
import { emulatorWithClient, submits } from './hookTestUtils';

afterEach(cleanup);

describe('useObserverSnapshot', () => {
  it('adapts an observer created outside React; a component reading only status is not re-rendered by log lines', async () => {
    const { emulator, client } = emulatorWithClient();
    emulator.app('test/logs', async (ctx) => {
      for (let i = 0; i < 20; i++) {
        ctx.log(`line ${i}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { shared: true };
    });
    const job = new SubscribeObserver(client, {
      endpointId: 'test/logs',
      input: { shared: true },
      logs: true,
      // Every log line is published: only the tracked reads keep the status reader from rendering.
      throttle: 0,
    });
    let renders = 0;
    function Status() {
      const { status } = useObserverSnapshot(job);
      renders++;
      return <span data-testid="status">{status}</span>;
    }
    const view = render(<Status />);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(job.getSnapshot().data).toEqual({ shared: true });
    expect(job.getSnapshot().logs).toHaveLength(20);
    expect(submits(emulator, 'test/logs')).toBe(1);
    // idle → submitting → in_queue → in_progress → success at most, never once per log line.
    expect(renders).toBeLessThanOrEqual(5);
    view.unmount();
    expect(job.hasListeners()).toBe(false);
  });
});
