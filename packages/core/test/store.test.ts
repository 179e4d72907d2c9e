import { createFalClient, FalInputError, type RequestLog } from '@falkit/core';
import {
  DEFAULT_GC_TIME,
  FalStore,
  type FalStoreEvent,
  RunObserver,
  SubscribeObserver,
  UNOBSERVED_SUBMIT_GRACE_MS,
} from '@falkit/core/observers';
import type { AppContext } from '@falkit/emulator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  emulatorWithClient,
  listeningEmulatorWithClient,
  submits,
  waitForSnapshot,
} from './observersHelpers';

afterEach(() => {
  vi.useRealTimers();
});

/** An app that runs until the test releases it (or the job is cancelled). */
function gatedApp() {
  let release!: (output: unknown) => void;
  let handlerStarted!: () => void;
  const started = new Promise<void>((resolve) => {
    handlerStarted = resolve;
  });
  const handler = (ctx: AppContext) =>
    new Promise((resolve, reject) => {
      release = resolve;
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason ?? new Error('aborted')));
      handlerStarted();
    });
  return { handler, started, release: (output: unknown) => release(output) };
}

const microtasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('FalStore: finished requests outlive their observers for gcTime', () => {
  it('a remount within gcTime shows the result with no new submit; after gcTime it submits again', async () => {
    const { emulator, observed } = emulatorWithClient();
    const store = new FalStore({ client: observed });
    const mount = () => {
      const observer = new SubscribeObserver(store, {
        endpointId: 'falkit/echo',
        input: { v: 1 },
        throttle: 0,
      });
      return { observer, unmount: observer.subscribe(() => {}) };
    };

    const first = mount();
    const done = await waitForSnapshot(first.observer, (s) => s.isSettled);
    expect(done.data).toEqual({ v: 1 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    first.unmount();
    await vi.advanceTimersByTimeAsync(0);
    const [kept] = store.getAll();
    expect(kept).toMatchObject({ kind: 'queue', endpointId: 'falkit/echo', observerCount: 0 });
    expect(store.getRequest(kept!.key)?.gcExpiresAt).toBe(Date.now() + DEFAULT_GC_TIME);

    // Navigate back within gcTime: the result is there at once, nothing is submitted.
    const second = mount();
    expect(second.observer.getSnapshot()).toMatchObject({ status: 'success', data: { v: 1 } });
    expect(submits(emulator, 'falkit/echo')).toBe(1);
    expect(store.getRequest(kept!.key)?.observerCount).toBe(1);
    expect(store.getRequest(kept!.key)?.gcExpiresAt).toBeUndefined();
    second.unmount();
    await vi.advanceTimersByTimeAsync(DEFAULT_GC_TIME - 1);
    expect(store.getAll()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getAll()).toHaveLength(0);
    vi.useRealTimers();

    // After gcTime the request is gone: a mount submits again.
    const third = mount();
    await waitForSnapshot(third.observer, (s) => s.isSettled);
    third.unmount();
    expect(submits(emulator, 'falkit/echo')).toBe(2);
  });

  it('gcTime 0 (per store or per observer) keeps the old behaviour: every mount submits', async () => {
    const { emulator, observed } = emulatorWithClient();
    for (const [store, gcTime] of [
      [new FalStore({ client: observed, gcTime: 0 }), undefined],
      [new FalStore({ client: observed }), 0],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const observer = new SubscribeObserver(store, { endpointId: 'falkit/echo', input: { g: 1 }, gcTime });
        const off = observer.subscribe(() => {});
        await waitForSnapshot(observer, (s) => s.isSettled);
        off();
        await microtasks();
        expect(store.getAll()).toHaveLength(0);
      }
    }
    expect(submits(emulator, 'falkit/echo')).toBe(4);
  });

  it('a client (not a store) gets its default store, so existing code keeps the result too', async () => {
    const { emulator, observed } = emulatorWithClient();
    for (let i = 0; i < 2; i++) {
      const observer = new RunObserver(observed, { endpointId: 'falkit/echo', input: { r: 1 } });
      const off = observer.subscribe(() => {});
      expect((await waitForSnapshot(observer, (s) => s.isSettled)).data).toEqual({ r: 1 });
      off();
      await microtasks();
    }
    expect(emulator.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(FalStore.for(observed).getAll()).toHaveLength(1);
    FalStore.for(observed).clear();
  });

  it('an in-flight request still follows cancelOnUnmount when its last observer leaves', async () => {
    const { emulator, observed } = emulatorWithClient();
    const store = new FalStore({ client: observed });
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const observer = new SubscribeObserver(store, { endpointId: 'test/gated', input: { c: 1 } });
    const off = observer.subscribe(() => {});
    await gate.started;
    off();
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    // The cancelled request is not reused: the next mount submits anew.
    const again = new SubscribeObserver(store, { endpointId: 'test/gated', input: { c: 1 } });
    const offAgain = again.subscribe(() => {});
    await vi.waitFor(() => expect(emulator.jobs()).toHaveLength(2));
    offAgain();
    await vi.waitFor(() => expect(emulator.jobs()[1]?.status).toBe('CANCELLED'));
  });

  it('prefetch submits and keeps; fetch and observers share it; cancel, remove and clear', async () => {
    const { emulator, observed } = emulatorWithClient();
    const store = new FalStore({ client: observed });
    const events: string[] = [];
    const off = store.subscribe((event: FalStoreEvent) => events.push(`${event.type}:${event.entry.kind}`));
    const key = await store.prefetch('falkit/echo', { p: 1 });
    expect(key).toBe(store.requestKey('queue', 'falkit/echo', { p: 1 }));
    expect(store.getRequest(key)?.state).toMatchObject({ status: 'success', data: { p: 1 } });
    await expect(store.fetch('falkit/echo', { p: 1 })).resolves.toMatchObject({ data: { p: 1 } });
    const observer = new SubscribeObserver(store, { endpointId: 'falkit/echo', input: { p: 1 } });
    const offObserver = observer.subscribe(() => {});
    expect(observer.getSnapshot()).toMatchObject({ status: 'success', data: { p: 1 } });
    offObserver();
    expect(submits(emulator, 'falkit/echo')).toBe(1);

    // Other options are another request.
    await store.prefetch('falkit/echo', { p: 1 }, { logs: true });
    expect(submits(emulator, 'falkit/echo')).toBe(2);
    expect(store.getAll()).toHaveLength(2);

    store.remove(key);
    expect(store.getRequest(key)).toBeUndefined();
    store.clear();
    expect(store.getAll()).toHaveLength(0);
    expect(events).toContain('added:queue');
    expect(events).toContain('updated:queue');
    expect(events.filter((e) => e === 'removed:queue')).toHaveLength(2);
    off();

    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const pending = store.prefetch('test/gated', { k: 1 });
    await gate.started;
    const gatedKey = store.requestKey('queue', 'test/gated', { k: 1 });
    const gatedRequest = store.getRequest(gatedKey)!;
    await store.cancel(gatedKey);
    await pending;
    expect(gatedRequest.state.status).toBe('cancelled');
    expect(store.getRequest(gatedKey)).toBeUndefined();
    await vi.waitFor(() => expect(emulator.jobs().at(-1)?.status).toBe('CANCELLED'));
  });

  it('fetch with an abortSignal cancels the job when nobody else follows it', async () => {
    const { emulator, observed } = emulatorWithClient();
    const store = new FalStore({ client: observed });
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const controller = new AbortController();
    const result = store.fetch('test/gated', { a: 1 }, { abortSignal: controller.signal });
    await gate.started;
    controller.abort();
    await expect(result).rejects.toThrow();
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
  });

  it('exposes read-only facts for tooling: ids, status, input, data, logs, attempts, timestamps', async () => {
    const { emulator, observed } = emulatorWithClient({ speed: 0 });
    const store = new FalStore({ client: observed });
    emulator.faults.add({
      method: 'GET',
      path: '/falkit/echo/requests/*/status',
      type: 'status',
      status: 503,
      retryAfter: 0,
    });
    const key = await store.prefetch('falkit/echo', { logs: 2 }, { logs: true, mode: 'polling' });
    const request = store.getRequest(key)!;
    const { state } = request;
    expect(request).toMatchObject({ key, kind: 'queue', endpointId: 'falkit/echo', input: { logs: 2 } });
    expect(state).toMatchObject({ status: 'success', data: { logs: 2 } });
    expect(state.requestId).toMatch(/.+/);
    expect(state.logs.map((l) => l.message)).toEqual(['echo: step 1 of 2', 'echo: step 2 of 2']);
    expect(state.attempts).toBeGreaterThanOrEqual(1);
    expect(state.lastRetryReason).toMatch(/503|Unavailable/i);
    expect(state.submittedAt).toBeTypeOf('number');
    expect(state.startedAt).toBeGreaterThanOrEqual(state.submittedAt!);
    expect(state.completedAt).toBeGreaterThanOrEqual(state.startedAt!);
    expect(request.observerCount).toBe(0);
    expect(request.gcExpiresAt).toBeGreaterThan(Date.now());
    store.clear();
  });

  it('keys include the client: two stores over two clients never share', () => {
    const a = createFalClient({ credentials: 'k' });
    const b = createFalClient({ credentials: 'k' });
    expect(FalStore.for(a).requestKey('queue', 'x/y', { i: 1 })).not.toBe(
      FalStore.for(b).requestKey('queue', 'x/y', { i: 1 }),
    );
    expect(FalStore.for(a).requestKey('queue', 'x/y', { i: 1 }, { logs: true })).not.toBe(
      FalStore.for(a).requestKey('queue', 'x/y', { i: 1 }),
    );
    expect(FalStore.for(a).requestKey('queue', 'x/y', { i: 1, j: 2 })).toBe(
      FalStore.for(a).requestKey('queue', 'x/y', { j: 2, i: 1 }),
    );
  });

  it('bad policies are caller mistakes', () => {
    expect(() => new FalStore({ config: { credentials: 'k' }, gcTime: -1 })).toThrow(FalInputError);
    expect(() => new FalStore({ config: { credentials: 'k' }, maxLogs: 1.5 })).toThrow(FalInputError);
    const store = new FalStore({ config: { credentials: 'k' } });
    expect(() => new SubscribeObserver(store, { endpointId: 'x/y', gcTime: Number.NaN })).toThrow(
      FalInputError,
    );
  });
});

describe('no lost submits', () => {
  it('a submit before subscribe is followed once subscribed, and cancelled on unmount with 0 open connections', async () => {
    const env = await listeningEmulatorWithClient();
    try {
      const gate = gatedApp();
      env.emulator.app('test/gated', gate.handler);
      const store = new FalStore({ client: env.observed });
      const observer = new SubscribeObserver<{ n: number }, unknown>(store, {
        endpointId: 'test/gated',
        throttle: 0,
      });
      void observer.submit({ n: 1 });
      expect(store.getAll()).toHaveLength(1);
      const off = observer.subscribe(() => {});
      await gate.started;
      await waitForSnapshot(observer, (s) => s.status === 'in_progress');
      const request = observer.getCurrentRequest()!;
      expect(request.observerCount).toBe(1);
      off();
      await vi.waitFor(() => expect(env.emulator.jobs()[0]?.status).toBe('CANCELLED'));
      await vi.waitFor(() => expect(request.state.status).toBe('cancelled'));
      expect(store.getAll()).toHaveLength(0);
      await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
    } finally {
      await env.close();
    }
  });

  it('a submit nobody ever observes is cancelled after the grace, its stream closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { emulator, observed } = emulatorWithClient();
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const store = new FalStore({ client: observed });
    const observer = new SubscribeObserver<{ n: number }, unknown>(store, { endpointId: 'test/gated' });
    void observer.submit({ n: 2 });
    await gate.started;
    expect(emulator.openConnections()).toBeGreaterThan(0);
    const [request] = store.getAll();
    expect(request).toMatchObject({ observerCount: 1 });
    await vi.advanceTimersByTimeAsync(UNOBSERVED_SUBMIT_GRACE_MS - 1);
    expect(emulator.jobs()[0]?.status).toBe('IN_PROGRESS');
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
    expect(request).toMatchObject({ observerCount: 0 });
  });

  it('two submits before subscribe: the first is cancelled, the second followed', async () => {
    const { emulator, observed } = emulatorWithClient();
    const gate = gatedApp();
    emulator.app('test/gated', gate.handler);
    const store = new FalStore({ client: observed });
    const observer = new SubscribeObserver<{ n: number }, unknown>(store, { endpointId: 'test/gated' });
    void observer.submit({ n: 1 });
    void observer.submit({ n: 2 });
    const off = observer.subscribe(() => {});
    await vi.waitFor(() => expect(emulator.jobs()).toHaveLength(2));
    await vi.waitFor(() => expect(emulator.jobs()[0]?.status).toBe('CANCELLED'));
    expect(emulator.jobs()[1]?.status).not.toBe('CANCELLED');
    off();
    await vi.waitFor(() => expect(emulator.jobs()[1]?.status).toBe('CANCELLED'));
  });
});

describe('one log model', () => {
  it('client.subscribe and the observer report the same lines for the same job (repeated text kept)', async () => {
    // A fixed clock: every line has the same timestamp, so only position tells two "step" lines apart.
    const { emulator, client, observed } = emulatorWithClient({ now: () => 1_700_000_000_000 });
    emulator.app('test/steps', async (ctx: AppContext) => {
      ctx.log('step');
      ctx.log('step');
      ctx.log('done');
      return { ok: true };
    });
    for (const mode of ['streaming', 'polling'] as const) {
      let fromClient: RequestLog[] = [];
      const onLog: string[] = [];
      await client.subscribe('test/steps', {
        input: { mode },
        logs: true,
        mode,
        onQueueUpdate: (update) => {
          if (update.status !== 'IN_QUEUE') fromClient = update.logs;
        },
        onLog: (log) => onLog.push(log.message),
      });
      const observer = new SubscribeObserver(new FalStore({ client: observed }), {
        endpointId: 'test/steps',
        input: { mode },
        logs: true,
        mode,
        throttle: 0,
      });
      const seen: string[] = [];
      const off = observer.subscribe(() => {});
      observer.setOptions({ ...observer.options, onLog: (log) => seen.push(log.message) });
      const done = await waitForSnapshot(observer, (s) => s.isSettled);
      off();
      expect(fromClient.map((l) => l.message)).toEqual(['step', 'step', 'done']);
      expect(onLog).toEqual(['step', 'step', 'done']);
      expect(done.logs.map((l) => l.message)).toEqual(['step', 'step', 'done']);
      expect(seen).toEqual(['step', 'step', 'done']);
    }
  });

  it('maxLogs bounds what client.subscribe reports; onLog still sees every line', async () => {
    const { client } = emulatorWithClient();
    const lengths: number[] = [];
    let count = 0;
    await client.subscribe('falkit/echo', {
      input: { logs: 50 },
      logs: true,
      maxLogs: 10,
      onQueueUpdate: (update) => {
        if (update.status !== 'IN_QUEUE') lengths.push(update.logs.length);
      },
      onLog: () => count++,
    });
    expect(Math.max(...lengths)).toBe(10);
    expect(count).toBe(50);
    await expect(client.subscribe('falkit/echo', { input: {}, maxLogs: -1 })).rejects.toThrow(FalInputError);
  });
});
