// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { ValidationError } from '@falkit/core';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { useFalSubscribe } from '../../src';
import {
  addForeverApp,
  addGatedApp,
  emulatorWithClient,
  listeningEmulatorWithClient,
  renderWithClient,
  submits,
} from './hookTestUtils';

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

  it('passes maxLogs to the observer: the snapshot keeps the newest lines, onLog sees all', async () => {
    const { client } = emulatorWithClient();
    const onLog = vi.fn();
    renderWithClient(<Job input={{ logs: 12 }} options={{ logs: true, maxLogs: 4, onLog }} />, client);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(screen.getByTestId('logs')).toHaveTextContent('4');
    expect(onLog).toHaveBeenCalledTimes(12);
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
    addForeverApp(emulator);
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
    const release = addGatedApp(emulator, 'test/gated');
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
      // @ts-expect-error `prompt` is left out on purpose: the server's 422 is under test
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

  it('renders in_queue with the live position, then in_progress and success; inline callbacks: latest wins, no resubmit', async () => {
    const { emulator, client } = emulatorWithClient({ workers: 1 });
    const release = addGatedApp(emulator, 'test/blocker');
    // Occupy the only worker, so the hook's job waits in the queue with nobody else ahead.
    await client.queue.submit('test/blocker', { input: {} });
    await waitFor(() => expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS'));
    const rendered: string[] = [];
    const successes: string[] = [];
    const queueUpdates: string[] = [];
    function Job({ label }: { label: string }) {
      const job = useFalSubscribe(
        'falkit/echo',
        { queued: true, logs: 2 },
        {
          throttle: 0,
          logs: true,
          onQueueUpdate: (status) => queueUpdates.push(`${label}:${status.status}`),
          onSuccess: () => successes.push(label),
        },
      );
      rendered.push(`${job.status}:${job.queuePosition ?? ''}`);
      return (
        <span data-testid="status">{`${job.status}:${job.queuePosition ?? ''}:${job.logs.length}`}</span>
      );
    }
    const view = renderWithClient(<Job label="first" />, client);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('in_queue:0:0'));
    // New callback identities on every render: the job must not be submitted again.
    view.rerender(<Job label="second" />);
    view.rerender(<Job label="latest" />);
    release();
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success::2'));
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    expect(successes).toEqual(['latest']);
    expect(queueUpdates.at(-1)).toBe('latest:COMPLETED');
    const transitions = rendered.filter((entry, i) => entry !== rendered[i - 1]);
    expect(transitions.slice(transitions.indexOf('in_queue:0'))).toEqual([
      'in_queue:0',
      'in_progress:',
      'success:',
    ]);
  });

  it('cancel() ends in cancelled and cancels the job on the server', async () => {
    const { emulator, client } = emulatorWithClient();
    addForeverApp(emulator);
    function Cancellable() {
      const job = useFalSubscribe('test/forever', { c: 1 }, { throttle: 0 });
      return (
        <button type="button" onClick={() => void job.cancel()}>
          {job.status}
        </button>
      );
    }
    renderWithClient(<Cancellable />, client);
    await waitFor(() => expect(screen.getByRole('button')).toHaveTextContent('in_progress'));
    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByRole('button')).toHaveTextContent('cancelled'));
    await waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
  });

  it('restarts when the endpoint changes', async () => {
    const { emulator, client } = emulatorWithClient();
    emulator.app('test/other', async (ctx) => ({ other: ctx.input }));
    function Either({ endpoint }: { endpoint: string }) {
      const job = useFalSubscribe(endpoint, { e: 1 }, { throttle: 0 });
      return <span data-testid="data">{JSON.stringify(job.data ?? null)}</span>;
    }
    const view = renderWithClient(<Either endpoint="falkit/echo" />, client);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"e":1}'));
    view.rerender(<Either endpoint="test/other" />);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"other":{"e":1}}'));
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    expect(submits(emulator, 'test/other')).toBe(1);
  });

  it('timeout: with fake timers, the job fails with TimeoutError at the deadline and is cancelled on the server', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const { emulator, client } = emulatorWithClient();
    addForeverApp(emulator);
    let submittedAt = 0;
    function Limited() {
      const job = useFalSubscribe('test/forever', { t: 1 }, { throttle: 0, timeout: 5_000 });
      submittedAt = job.submittedAt ?? 0;
      return <span data-testid="status">{`${job.status}:${job.error?.name ?? ''}`}</span>;
    }
    renderWithClient(<Limited />, client);
    // vi.waitFor advances the fake clock while it polls (the emulator schedules work with timers);
    // the deadline is then measured from the fake submit time, not from how long that took.
    await vi.waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('in_progress:'), {
      interval: 1,
    });
    const deadline = submittedAt + 5_000;
    expect(Date.now()).toBeLessThan(deadline);
    await act(async () => {
      vi.advanceTimersByTime(deadline - 1 - Date.now());
    });
    expect(screen.getByTestId('status')).toHaveTextContent('in_progress:');
    await act(async () => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.getByTestId('status')).toHaveTextContent('error:TimeoutError');
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
  });

  it('persist in mutation mode: a job submitted from a click is resumed after a remount', async () => {
    const { emulator, client } = emulatorWithClient();
    const release = addGatedApp(emulator, 'test/gated-mutation');
    function Generate() {
      const job = useFalSubscribe('test/gated-mutation', undefined, {
        throttle: 0,
        persist: true,
        cancelOnUnmount: false,
      });
      return (
        <button type="button" onClick={() => void job.submit({ prompt: 'x' })}>
          {`${job.status}:${job.requestId ?? ''}`}
        </button>
      );
    }
    const first = renderWithClient(<Generate />, client);
    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByRole('button')).toHaveTextContent(/^in_progress:.+/));
    const requestId = screen.getByRole('button').textContent!.split(':')[1];
    first.unmount();
    renderWithClient(<Generate />, client);
    await waitFor(() => expect(screen.getByRole('button')).toHaveTextContent(`in_progress:${requestId}`));
    release();
    await waitFor(() => expect(screen.getByRole('button')).toHaveTextContent(`success:${requestId}`));
    expect(submits(emulator, 'test/gated-mutation')).toBe(1);
    expect(sessionStorage.length).toBe(0);
  });

  it('request options reach fal: priority, hint and webhook on the submit; mode polling follows /status', async () => {
    const webhooks: string[] = [];
    const { emulator, client } = emulatorWithClient({
      // Webhooks are delivered through this fetch, so nothing leaves the process.
      fetch: async (input) => {
        webhooks.push(String(input instanceof Request ? input.url : input));
        return new Response(null, { status: 200 });
      },
    });
    function Configured() {
      const job = useFalSubscribe(
        'falkit/echo',
        { configured: 1 },
        {
          throttle: 0,
          priority: 'low',
          hint: 'runner-7',
          webhookUrl: 'https://example.test/fal-webhook',
          startTimeout: 30,
          mode: 'polling',
        },
      );
      return <span data-testid="status">{job.status}</span>;
    }
    renderWithClient(<Configured />, client);
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(emulator.jobs()[0]).toMatchObject({
      priority: 'low',
      hint: 'runner-7',
      webhookUrl: 'https://example.test/fal-webhook',
    });
    const paths = emulator.requests().map((r) => `${r.method} ${r.path}`);
    expect(paths.some((line) => /^GET \/falkit\/echo\/requests\/[^/]+\/status$/.test(line))).toBe(true);
    expect(paths.some((line) => line.endsWith('/status/stream'))).toBe(false);
    await waitFor(() => expect(webhooks).toEqual(['https://example.test/fal-webhook']));
  });

  it("the render with a new input never shows the previous input's success or data", async () => {
    const { client } = emulatorWithClient();
    const rendered: string[] = [];
    const paired: string[] = [];
    function Job({ v }: { v: number }) {
      const job = useFalSubscribe('falkit/echo', { v }, { throttle: 0 });
      rendered.push(`${v}:${job.status}:${JSON.stringify(job.data ?? null)}`);
      // An effect pairing the result with the input it was asked for must never see a mismatch.
      useEffect(() => {
        if (job.isSuccess) paired.push(`${v}=${(job.data as { v: number }).v}`);
      }, [job.isSuccess, job.data, v]);
      return <span data-testid="data">{JSON.stringify(job.data ?? null)}</span>;
    }
    const view = renderWithClient(<Job v={1} />, client);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"v":1}'));
    rendered.length = 0;
    view.rerender(<Job v={2} />);
    await waitFor(() => expect(screen.getByTestId('data')).toHaveTextContent('{"v":2}'));
    expect(rendered[0]).toBe('2:submitting:null');
    expect(rendered.filter((line) => line.startsWith('2:success:{"v":1}'))).toEqual([]);
    expect(paired).toEqual(['1=1', '2=2']);
  });

  it('a new input that another component already runs shows that shared job at once', async () => {
    const { emulator, client } = emulatorWithClient();
    const firstRenders: string[] = [];
    function Job({ v, log }: { v: number; log?: string[] }) {
      const job = useFalSubscribe('falkit/echo', { v }, { throttle: 0 });
      log?.push(`${v}:${job.status}:${JSON.stringify(job.data ?? null)}`);
      return <span>{JSON.stringify(job.data ?? null)}</span>;
    }
    const view = renderWithClient(
      <>
        <Job v={1} log={firstRenders} />
        <Job v={2} />
      </>,
      client,
    );
    await waitFor(() => expect(view.container.textContent).toBe('{"v":1}{"v":2}'));
    firstRenders.length = 0;
    view.rerender(
      <>
        <Job v={2} log={firstRenders} />
        <Job v={2} />
      </>,
    );
    expect(firstRenders[0]).toBe('2:success:{"v":2}');
    expect(submits(emulator, 'falkit/echo')).toBe(2);
  });
});
