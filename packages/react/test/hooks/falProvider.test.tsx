// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator.
import '@testing-library/jest-dom/vitest';
import type { FalClient } from '@falkit/core';
import { createEmulator } from '@falkit/emulator';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FalProvider, useFalClient, useFalSubscribe } from '../../src';

afterEach(cleanup);

describe('<FalProvider config>', () => {
  it('builds one client from the config for its lifetime; hooks below use it', async () => {
    const emulator = createEmulator({ speed: 0 });
    const config = {
      baseUrl: 'http://emulator.test',
      fetch: (input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init)),
    };
    const clients = new Set<FalClient>();
    function Job() {
      clients.add(useFalClient());
      const job = useFalSubscribe('falkit/echo', { configured: true }, { throttle: 0 });
      return <span data-testid="data">{JSON.stringify(job.data ?? null)}</span>;
    }
    const view = render(
      <FalProvider config={config}>
        <Job />
      </FalProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"configured":true}'));
    // A new config object on re-render does not build a new client (or restart the job).
    view.rerender(
      <FalProvider config={{ ...config }}>
        <Job />
      </FalProvider>,
    );
    expect(clients.size).toBe(1);
    expect(emulator.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
