// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator.
import '@testing-library/jest-dom/vitest';
import { fal } from '@falkit/core';
import { createEmulator } from '@falkit/emulator';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useFalClient, useFalSubscribe } from '../../src';

afterEach(cleanup);

describe('without a provider', () => {
  it('hooks use the default fal client, configured with fal.config', async () => {
    const emulator = createEmulator({ speed: 0 });
    fal.config({
      baseUrl: 'http://emulator.test',
      fetch: (input, init) => emulator.fetch(new Request(input, init)),
    });
    let client: unknown;
    function Job() {
      client = useFalClient();
      const job = useFalSubscribe('falkit/echo', { default: true }, { throttle: 0 });
      return <span data-testid="data">{JSON.stringify(job.data ?? null)}</span>;
    }
    render(<Job />);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"default":true}'));
    expect(client).toBe(fal);
    expect(emulator.requests().length).toBeGreaterThan(0);
  });
});
