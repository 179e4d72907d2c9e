// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { ValidationError } from '@falkit/core';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { useFalSubscribe } from '../../src';
import { emulatorWithClient, listeningEmulatorWithClient, renderWithClient, submits } from './hookTestUtils';

afterEach(cleanup);

function Job({
  input,
  options = {},
}: {
  input?: Record<string, unknown>;
  options?: Parameters<typeof useFalSubscribe>[2];
}) {
  const job = useFalSubscribe('falkit/echo', input, { throttle: 0, ...options });
  return (
    <div>
      <span data-testid="status">{job.status}</span>
      <span data-testid="data">{job.data === undefined ? '' : JSON.stringify(job.data)}</span>
      <span data-testid="logs">{job.logs.length}</span>
    </div>
  );
}

describe('useFalSubscribe', () => {
  it('runs a query on mount and renders its states up to success', async () => {
    const { emulator, client } = emulatorWithClient();
    renderWithClient(<Job input={{ prompt: 'hi', logs: 3 }} options={{ logs: true }} />, client);
    expect(screen.getByTestId('status')).toHaveTextContent(/idle|submitting/);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(screen.getByTestId('data')).toHaveTextContent('{"prompt":"hi","logs":3}');
    expect(screen.getByTestId('logs')).toHaveTextContent('3');
    expect(submits(emulator, 'falkit/echo')).toBe(1);
  });

  it('submits exactly once under StrictMode', async () => {
    const { emulator, client } = emulatorWithClient();
    renderWithClient(<Job input={{ strict: true }} />, client, { strict: true });
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    expect(emulator.requests().filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});

describe('useFalSubscribe lifecycle', () => {
  it('cancels the job on unmount and leaves no open connection', async () => {
    const { emulator, client, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    emulator.app(
      'test/forever',
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('cancelled'))),
        ),
    );
    function Forever() {
      const job = useFalSubscribe('test/forever', { n: 1 }, { throttle: 0 });
      return <span data-testid="status">{job.status}</span>;
    }
    const view = renderWithClient(<Forever />, client, { strict: true });
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('in_progress'));
    view.unmount();
    await waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
    expect(submits(emulator, 'test/forever')).toBe(1);
  });

  it('restarts when the input value changes, not when only its identity changes', async () => {
    const { emulator, client } = emulatorWithClient();
    const view = renderWithClient(<Job input={{ v: 1 }} />, client);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"v":1}'));
    view.rerender(<Job input={{ v: 1 }} />);
    view.rerender(<Job input={{ v: 2 }} />);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"v":2}'));
    expect(submits(emulator, 'falkit/echo')).toBe(2);
  });

  it('re-attaches to a request by id', async () => {
    const { emulator, client } = emulatorWithClient();
    const { request_id } = await client.queue.submit('falkit/echo', { input: { resumed: 1 } });
    function Resume() {
      const job = useFalSubscribe('falkit/echo', undefined, { requestId: request_id, throttle: 0 });
      return <span data-testid="data">{JSON.stringify(job.data ?? null)}</span>;
    }
    renderWithClient(<Resume />, client);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"resumed":1}'));
    expect(submits(emulator, 'falkit/echo')).toBe(1);
  });

  it('persist: a remount (e.g. after a reload) resumes the running job from sessionStorage', async () => {
    const { emulator, client } = emulatorWithClient();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    emulator.app('test/gated', async () => {
      await gate;
      return { done: true };
    });
    function Persisted() {
      const job = useFalSubscribe(
        'test/gated',
        { p: 1 },
        { throttle: 0, persist: true, cancelOnUnmount: false },
      );
      return <span data-testid="status">{`${job.status}:${job.requestId ?? ''}`}</span>;
    }
    const first = renderWithClient(<Persisted />, client);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/^in_progress:.+/));
    const requestId = screen.getByTestId('status').textContent!.split(':')[1];
    first.unmount();
    renderWithClient(<Persisted />, client);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(`in_progress:${requestId}`));
    release();
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(`success:${requestId}`));
    expect(submits(emulator, 'test/gated')).toBe(1);
    expect(sessionStorage.length).toBe(0);
  });

  it('puts ValidationError field errors on error.fieldErrors', async () => {
    const { client } = emulatorWithClient();
    function Form() {
      const job = useFalSubscribe('fal-ai/fast-sdxl', {}, { throttle: 0 });
      const fieldErrors = job.error instanceof ValidationError ? job.error.fieldErrors : [];
      return (
        <span data-testid="errors">{fieldErrors.map((e) => `${e.loc.join('.')}:${e.msg}`).join(',')}</span>
      );
    }
    renderWithClient(<Form />, client);
    await waitFor(() => expect(screen.getByTestId('errors')).toHaveTextContent('body.prompt:field required'));
  });

  it('mutation mode: submit() from an event handler; an ignored failing submit is not an unhandled rejection', async () => {
    const { emulator, client } = emulatorWithClient();
    const results: unknown[] = [];
    function Mutation() {
      const job = useFalSubscribe('falkit/echo', undefined, { throttle: 0 });
      return (
        <div>
          <span data-testid="status">{job.status}</span>
          <button
            type="button"
            onClick={() => job.submit({ clicked: true }).then((r) => results.push(r.data))}
          >
            go
          </button>
          <button type="button" onClick={() => void job.submit({ fail: { status: 500 } })}>
            fail
          </button>
        </div>
      );
    }
    renderWithClient(<Mutation />, client);
    await act(async () => {});
    expect(screen.getByTestId('status')).toHaveTextContent('idle');
    expect(emulator.requests()).toHaveLength(0);
    act(() => screen.getByText('go').click());
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(results).toEqual([{ clicked: true }]);
    act(() => screen.getByText('fail').click());
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('error'));
  });
});
