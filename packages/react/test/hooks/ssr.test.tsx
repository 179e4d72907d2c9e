import '@testing-library/jest-dom/vitest';
import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FalProvider, useFalRun, useFalStream, useFalSubscribe, useUpload } from '../../src';
import { emulatorWithClient } from './hookTestUtils';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

function App() {
  const queue = useFalSubscribe('falkit/echo', { ssr: true }, { throttle: 0 });
  const run = useFalRun('falkit/echo', { ssr: true }, { throttle: 0 });
  const stream = useFalStream('falkit/echo');
  const upload = useUpload();
  return (
    <p>{`${queue.status}|${run.status}|${stream.status}|${upload.status}|${queue.isIdle ? 'idle' : 'busy'}`}</p>
  );
}

describe('server rendering', () => {
  it('renders the idle snapshot and sends no request', async () => {
    const { emulator, client } = emulatorWithClient();
    const html = renderToString(
      <FalProvider client={client}>
        <App />
      </FalProvider>,
    );
    expect(html).toContain('idle|idle|idle|idle|idle');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(emulator.requests()).toHaveLength(0);
  });

  it('hydrates without warnings, then starts the query on the client', async () => {
    const { emulator, client } = emulatorWithClient();
    const tree = (
      <FalProvider client={client}>
        <App />
      </FalProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(tree);
    document.body.appendChild(container);
    const errors = vi.spyOn(console, 'error');
    await act(async () => {
      hydrateRoot(container, tree, { onRecoverableError: (error) => console.error(error) });
    });
    await vi.waitFor(() => expect(container.textContent).toContain('success|success|idle|idle|busy'));
    expect(errors).not.toHaveBeenCalled();
    expect(emulator.requests().length).toBeGreaterThan(0);
  });
});
