import { FalInputError, TimeoutError, ValidationError } from '@falkit/core';
import { RunObserver, SubscribeObserver } from '@falkit/core/observers';
import type { AppContext } from '@falkit/emulator';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  emulatorWithClient,
  listeningEmulatorWithClient,
  submits,
  waitForSnapshot,
} from './observersHelpers';

/** An app that runs until the test releases it; logs go out through `context.log`. */
function gatedApp() {
  let release!: (output: unknown) => void;
  let context!: AppContext;
  let handlerStarted!: () => void;
  const started = new Promise<void>((resolveStarted) => {
    handlerStarted = resolveStarted;
  });
  const handler = (ctx: AppContext) =>
    new Promise((resolve, reject) => {
      context = ctx;
      release = resolve;
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason ?? new Error('aborted')));
      handlerStarted();
    });
  return {
    handler,
    started,
    release: (output: unknown) => release(output),
    log: (message: string) => context.log(message),
  };
}

describe('SubscribeObserver', () => {
  it('does nothing until the first listener subscribes, then runs the query once', async () => {
    const { emulator, observed } = emulatorWithClient();
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { value: 1 },
      throttle: 0,
    });
    expect(observer.getSnapshot().status).toBe('idle');
    await Promise.resolve();
    expect(emulator.requests()).toHaveLength(0);

    const statuses: string[] = [];
    const unsubscribe = observer.subscribe(() => statuses.push(observer.getSnapshot().status));
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    unsubscribe();
    expect(done.status).toBe('success');
    expect(done.isSuccess).toBe(true);
    expect(done.isPending).toBe(false);
    expect(done.data).toEqual({ value: 1 });
    expect(done.requestId).toMatch(/.+/);
    expect(statuses[0]).toBe('submitting');
    expect(submits(emulator, 'falkit/echo')).toBe(1);
  });

  it('publishes a new snapshot object only when something changed, with flags matching status', async () => {
    const { observed } = emulatorWithClient();
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { a: 1 },
      throttle: 0,
    });
    const seen = new Set<object>();
    const unsubscribe = observer.subscribe(() => {
      const snapshot = observer.getSnapshot();
      expect(observer.getSnapshot()).toBe(snapshot);
      expect(Object.isFrozen(snapshot)).toBe(true);
      expect(snapshot.isInQueue).toBe(snapshot.status === 'in_queue');
      expect(snapshot.isInProgress).toBe(snapshot.status === 'in_progress');
      expect(snapshot.isSuccess).toBe(snapshot.status === 'success');
      seen.add(snapshot);
    });
    await waitForSnapshot(observer, (s) => s.isSettled);
    unsubscribe();
    expect(seen.size).toBeGreaterThan(1);
  });

  it('shares one job between observers with the same endpoint, input and options', async () => {
    const { emulator, observed } = emulatorWithClient();
    const a = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { x: 1, y: 2 },
      throttle: 0,
    });
    const b = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { y: 2, x: 1 },
      throttle: 0,
    });
    const c = new SubscribeObserver(observed, { endpointId: 'falkit/echo', input: { x: 2 }, throttle: 0 });
    const offs = [a.subscribe(() => {}), b.subscribe(() => {}), c.subscribe(() => {})];
    const [sa, sb] = await Promise.all([
      waitForSnapshot(a, (s) => s.isSettled),
      waitForSnapshot(b, (s) => s.isSettled),
      waitForSnapshot(c, (s) => s.isSettled),
    ]);
    for (const off of offs) off();
    expect(sa.requestId).toBe(sb.requestId);
    expect(submits(emulator, 'falkit/echo')).toBe(2);
  });

  it('survives a StrictMode-style unsubscribe/resubscribe without a second submit or a cancel', async () => {
    const { emulator, observed } = emulatorWithClient();
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new SubscribeObserver(observed, {
      endpointId: 'test/gated',
      input: { n: 1 },
      throttle: 0,
    });
    observer.subscribe(() => {})();
    const off = observer.subscribe(() => {});
    await gate.started;
    await new Promise((resolve) => setTimeout(resolve, 5));
    gate.release({ ok: true });
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.data).toEqual({ ok: true });
    expect(submits(emulator, 'test/gated')).toBe(1);
    expect(emulator.requests().some((r) => r.method === 'PUT')).toBe(false);
  });

  it('cancels the server job when the last listener leaves, and leaves no open connection', async () => {
    const { emulator, observed, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new SubscribeObserver(observed, {
      endpointId: 'test/gated',
      input: { n: 2 },
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    await gate.started;
    await waitForSnapshot(observer, (s) => s.status === 'in_progress');
    off();
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
  });

  it('unmounting while the submit is in flight still cancels the job once it has an id', async () => {
    const { emulator, observed, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new SubscribeObserver(observed, {
      endpointId: 'test/gated',
      input: { early: true },
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    expect(observer.getSnapshot().status).toBe('submitting');
    off();
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
    expect(submits(emulator, 'test/gated')).toBe(1);
  });

  it('with cancelOnUnmount: false lets the job run and still closes its connections', async () => {
    const { emulator, observed, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new SubscribeObserver(observed, {
      endpointId: 'test/gated',
      input: { n: 3 },
      throttle: 0,
      cancelOnUnmount: false,
    });
    const off = observer.subscribe(() => {});
    await gate.started;
    await waitForSnapshot(observer, (s) => s.status === 'in_progress');
    off();
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
    expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS');
    expect(emulator.requests().some((r) => r.method === 'PUT')).toBe(false);
    gate.release({ ok: true });
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('COMPLETED'));
  });

  it('re-attaches to a running job by request id instead of submitting', async () => {
    const { emulator, client, observed } = emulatorWithClient();
    const { request_id } = await client.queue.submit('falkit/echo', { input: { resumed: true } });
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      requestId: request_id,
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.status).toBe('success');
    expect(done.data).toEqual({ resumed: true });
    expect(done.requestId).toBe(request_id);
    expect(submits(emulator, 'falkit/echo')).toBe(1);
  });

  it('collects logs once each, calls the latest callbacks, and publishes status at once', async () => {
    const { emulator, observed } = emulatorWithClient();
    const firstOnLog = vi.fn();
    const latestOnLog = vi.fn();
    const onEnqueue = vi.fn();
    const onSuccess = vi.fn();
    const onQueueUpdate = vi.fn();
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { logs: 5 },
      logs: true,
      throttle: 0,
      onLog: firstOnLog,
    });
    const off = observer.subscribe(() => {});
    observer.setOptions({
      endpointId: 'falkit/echo',
      input: { logs: 5 },
      logs: true,
      throttle: 0,
      onLog: latestOnLog,
      onEnqueue,
      onSuccess,
      onQueueUpdate,
    });
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.logs.map((log) => log.message)).toEqual([1, 2, 3, 4, 5].map((i) => `echo: step ${i} of 5`));
    expect(firstOnLog).not.toHaveBeenCalled();
    expect(latestOnLog).toHaveBeenCalledTimes(5);
    expect(onEnqueue).toHaveBeenCalledWith(done.requestId);
    expect(onQueueUpdate).toHaveBeenCalled();
    expect(onSuccess).toHaveBeenCalledWith({ logs: 5 }, { data: { logs: 5 }, requestId: done.requestId });
    // New callbacks are picked up without a new request.
    expect(submits(emulator, 'falkit/echo')).toBe(1);
  });

  it('keeps only the newest maxLogs lines in the snapshot while onLog sees every line', async () => {
    const { observed } = emulatorWithClient();
    const onLog = vi.fn();
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { logs: 25 },
      logs: true,
      maxLogs: 10,
      throttle: 0,
      onLog,
    });
    const off = observer.subscribe(() => {});
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.status).toBe('success');
    expect(done.logs.map((log) => log.message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `echo: step ${i + 16} of 25`),
    );
    expect(onLog.mock.calls.map(([log]) => log.message)).toEqual(
      Array.from({ length: 25 }, (_, i) => `echo: step ${i + 1} of 25`),
    );
  });

  it('caps logs at 1,000 by default, keeps all with Infinity, and refuses a bad maxLogs', async () => {
    const { observed } = emulatorWithClient();
    const run = async (maxLogs: number | undefined) => {
      const observer = new SubscribeObserver(observed, {
        endpointId: 'falkit/echo',
        input: { logs: 1005, cap: String(maxLogs) },
        logs: true,
        throttle: 0,
        ...(maxLogs === undefined ? {} : { maxLogs }),
      });
      const off = observer.subscribe(() => {});
      const done = await waitForSnapshot(observer, (s) => s.isSettled);
      off();
      return done.logs.map((log) => log.message);
    };
    const capped = await run(undefined);
    expect(capped).toHaveLength(1000);
    expect(capped[0]).toBe('echo: step 6 of 1005');
    expect(capped.at(-1)).toBe('echo: step 1005 of 1005');
    expect(await run(Number.POSITIVE_INFINITY)).toHaveLength(1005);
    for (const maxLogs of [-1, 1.5, Number.NaN, '10']) {
      expect(
        () => new SubscribeObserver(observed, { endpointId: 'falkit/echo', maxLogs: maxLogs as number }),
      ).toThrow(FalInputError);
    }
  });

  it('a request shared by observers keeps the largest maxLogs among them', async () => {
    const { emulator, observed } = emulatorWithClient();
    const options = { endpointId: 'falkit/echo', input: { logs: 8 }, logs: true, throttle: 0 };
    const small = new SubscribeObserver(observed, { ...options, maxLogs: 2 });
    const large = new SubscribeObserver(observed, { ...options, maxLogs: 5 });
    const offSmall = small.subscribe(() => {});
    const offLarge = large.subscribe(() => {});
    const done = await waitForSnapshot(small, (s) => s.isSettled);
    offSmall();
    offLarge();
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    expect(done.logs.map((log) => log.message)).toEqual([4, 5, 6, 7, 8].map((i) => `echo: step ${i} of 8`));
  });

  it('surfaces a 422 as a ValidationError with field errors', async () => {
    const { observed } = emulatorWithClient();
    const onError = vi.fn();
    const observer = new SubscribeObserver(observed, {
      endpointId: 'fal-ai/fast-sdxl',
      input: {},
      throttle: 0,
      onError,
    });
    const off = observer.subscribe(() => {});
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.status).toBe('error');
    expect(done.error).toBeInstanceOf(ValidationError);
    expect((done.error as ValidationError).fieldErrors[0]?.loc).toEqual(['body', 'prompt']);
    expect(onError).toHaveBeenCalledWith(done.error);
  });

  it('mutation mode: waits for submit(), resolves with the result; a failing submit() left unawaited is not an unhandled rejection', async () => {
    const { emulator, observed } = emulatorWithClient();
    const observer = new SubscribeObserver<Record<string, unknown>, unknown>(observed, {
      endpointId: 'falkit/echo',
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    await Promise.resolve();
    expect(emulator.requests()).toHaveLength(0);
    await expect(observer.getSnapshot().submit({ hello: 'world' })).resolves.toMatchObject({
      data: { hello: 'world' },
    });
    expect(observer.getSnapshot().data).toEqual({ hello: 'world' });

    void observer.getSnapshot().submit({ fail: { status: 500 } });
    const failed = await waitForSnapshot(observer, (s) => s.status === 'error');
    expect(failed.error).toBeInstanceOf(Error);
    off();
  });

  it('cancel() cancels the job on the server and ends in cancelled', async () => {
    const { emulator, observed } = emulatorWithClient();
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new SubscribeObserver(observed, { endpointId: 'test/gated', throttle: 0 });
    const off = observer.subscribe(() => {});
    const result = observer.getSnapshot().submit({ n: 4 });
    await gate.started;
    await observer.getSnapshot().cancel();
    expect(observer.getSnapshot().status).toBe('cancelled');
    expect(observer.getSnapshot().isError).toBe(false);
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    off();
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
  });

  it('throttles log publishing but publishes status changes and the final data immediately', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'],
    });
    try {
      const observer = new SubscribeObserver(fakeQueueClient(), {
        endpointId: 'fake/app',
        input: {},
        logs: true,
        throttle: 1000,
      });
      const off = observer.subscribe(() => {});
      await vi.waitFor(() => expect(observer.getSnapshot().status).toBe('in_progress'));
      fake.emit({ status: 'IN_PROGRESS', logs: [log('a')] });
      fake.emit({ status: 'IN_PROGRESS', logs: [log('a'), log('b')] });
      expect(observer.getSnapshot().logs).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1000);
      expect(observer.getSnapshot().logs.map((l) => l.message)).toEqual(['a', 'b']);
      fake.emit({ status: 'IN_PROGRESS', logs: [log('a'), log('b'), log('c')] });
      fake.complete({ done: true });
      await vi.waitFor(() => expect(observer.getSnapshot().status).toBe('success'));
      expect(observer.getSnapshot().data).toEqual({ done: true });
      expect(observer.getSnapshot().logs.map((l) => l.message)).toEqual(['a', 'b', 'c']);
      off();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reset() returns to idle and stays idle until the input changes', async () => {
    const { emulator, observed } = emulatorWithClient();
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { r: 1 },
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    await waitForSnapshot(observer, (s) => s.isSuccess);
    observer.getSnapshot().reset();
    expect(observer.getSnapshot().status).toBe('idle');
    expect(observer.getSnapshot().data).toBeUndefined();
    observer.setOptions({ endpointId: 'falkit/echo', input: { r: 1 }, throttle: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(observer.getSnapshot().status).toBe('idle');
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    observer.setOptions({ endpointId: 'falkit/echo', input: { r: 2 }, throttle: 0 });
    const done = await waitForSnapshot(observer, (s) => s.isSuccess);
    expect(done.data).toEqual({ r: 2 });
    expect(submits(emulator, 'falkit/echo')).toBe(2);
    off();
  });

  it('counts retries in attempts and exposes metrics', async () => {
    const { emulator, observed } = emulatorWithClient();
    emulator.faults.add({
      host: 'queue.fal.run',
      method: 'GET',
      path: '/falkit/echo/requests/*',
      type: 'status',
      status: 503,
      retryAfter: 0,
    });
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { m: 1 },
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.status).toBe('success');
    expect(done.attempts).toBe(1);
    expect(done.metrics).toHaveProperty('inference_time');
  });

  it('times out with TimeoutError and cancels the job', async () => {
    const { emulator, observed } = emulatorWithClient();
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new SubscribeObserver(observed, {
      endpointId: 'test/gated',
      input: {},
      throttle: 0,
      timeout: 50,
    });
    const off = observer.subscribe(() => {});
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    expect(done.error).toBeInstanceOf(TimeoutError);
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    off();
  });
});

describe('RunObserver', () => {
  it('runs directly (no queue) and shares by key', async () => {
    const { emulator, observed } = emulatorWithClient();
    const a = new RunObserver(observed, { endpointId: 'falkit/echo', input: { r: 1 }, throttle: 0 });
    const b = new RunObserver(observed, { endpointId: 'falkit/echo', input: { r: 1 }, throttle: 0 });
    const offs = [a.subscribe(() => {}), b.subscribe(() => {})];
    const [sa, sb] = await Promise.all([
      waitForSnapshot(a, (s) => s.isSettled),
      waitForSnapshot(b, (s) => s.isSettled),
    ]);
    for (const off of offs) off();
    expect(sa.data).toEqual({ r: 1 });
    expect(sb).toBe(b.getSnapshot());
    expect(emulator.requests().filter((r) => r.host === 'fal.run')).toHaveLength(1);
    expect(emulator.requests().filter((r) => r.host === 'queue.fal.run')).toHaveLength(0);
  });

  it('drops the connection when the last listener leaves', async () => {
    const { emulator, observed, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new RunObserver(observed, { endpointId: 'test/gated', input: {}, throttle: 0 });
    const off = observer.subscribe(() => {});
    await gate.started;
    expect(observer.getSnapshot().status).toBe('in_progress');
    off();
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
  });
});

// A hand-driven queue client for timing tests (fake timers and real sockets do not mix).
type FakeStatus = { status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED'; logs?: ReturnType<typeof log>[] };
const fake = {
  emit: (_status: FakeStatus) => {},
  complete: (_data: unknown) => {},
};

function log(message: string) {
  return { message, level: 'INFO', source: 'USER', timestamp: `2026-01-01T00:00:00.000Z#${message}` };
}

function fakeQueueClient() {
  let onUpdate: (status: FakeStatus) => void = () => {};
  let finish: (status: FakeStatus) => void = () => {};
  let output: unknown;
  fake.emit = (status) => onUpdate(status);
  fake.complete = (data) => {
    output = data;
    finish({ status: 'COMPLETED' });
  };
  const unused = () => Promise.reject(new Error('not used'));
  return {
    run: unused,
    stream: unused,
    storage: { upload: unused },
    queue: {
      submit: async () => ({
        status: 'IN_QUEUE' as const,
        request_id: 'req-1',
        queue_position: 0,
        response_url: '',
        status_url: '',
        cancel_url: '',
      }),
      subscribeToStatus: (
        _id: string,
        options: { onQueueUpdate?: (s: never) => void; onLog?: (line: never) => void },
      ) =>
        new Promise((resolve) => {
          // Like the real client: each status carries the whole log; new lines go to onLog once.
          let seen = 0;
          onUpdate = (s) => {
            for (const line of (s.logs ?? []).slice(seen)) options.onLog?.(line as never);
            seen = Math.max(seen, s.logs?.length ?? 0);
            options.onQueueUpdate?.(s as never);
          };
          finish = resolve;
          onUpdate({ status: 'IN_PROGRESS', logs: [] });
        }),
      result: async () => ({ data: output, requestId: 'req-1' }),
      cancel: async () => {},
    },
  };
}
