import { ApiError, FalInputError } from '@falkit/core';
import {
  RealtimeObserver,
  type RealtimeObserverOptions,
  type RealtimeSnapshot,
  type RealtimeStatus,
} from '@falkit/core/observers';
import type { WebSocketConstructor } from '@falkit/core/realtime';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

const WS = WebSocket as unknown as WebSocketConstructor;

let env: RunningEmulator;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  env = await startEmulator({ key: 'test-key', realtimeTimeoutMs: 60_000 });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  env.emulator.faults.clear();
  await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
});
afterAll(() => env.close());

type Echo = { n: number; request_id?: string };

function observe(options: Partial<RealtimeObserverOptions<Echo, Echo>> = {}) {
  const observer = new RealtimeObserver<Echo, Echo>(env.client(), {
    app: 'falkit/echo',
    WebSocket: WS,
    throttle: 0,
    throttleInterval: 0,
    ...options,
  });
  const seen: RealtimeStatus[] = [];
  const unsubscribe = observer.subscribe(() => seen.push(observer.getSnapshot().status));
  cleanups.push(() => {
    unsubscribe();
    observer.close();
  });
  return { observer, seen, unsubscribe };
}

function until(observer: RealtimeObserver<Echo, Echo>, check: (s: RealtimeSnapshot<Echo, Echo>) => boolean) {
  return vi.waitFor(() => {
    if (!check(observer.getSnapshot())) throw new Error(`not yet: ${observer.getSnapshot().status}`);
    return observer.getSnapshot();
  });
}

function handshakes(): number {
  return env.emulator
    .requests()
    .filter((entry) => entry.path === '/falkit/echo/realtime' && entry.status === 101).length;
}

describe('RealtimeObserver against the emulator', () => {
  test('idle until the first send, then connecting → open with the result as data', async () => {
    env.emulator.clearRequests();
    const { observer, seen } = observe();
    expect(observer.getSnapshot()).toMatchObject({
      status: 'idle',
      isIdle: true,
      data: undefined,
      resultCount: 0,
    });
    expect(env.emulator.requests()).toHaveLength(0);
    observer.send({ n: 1 });
    expect(observer.getSnapshot()).toMatchObject({ status: 'connecting', isConnecting: true });
    const snapshot = await until(observer, (s) => s.resultCount === 1);
    expect(snapshot).toMatchObject({ status: 'open', isOpen: true, data: { n: 1 }, error: undefined });
    expect(Object.isFrozen(snapshot)).toBe(true);
    observer.send({ n: 2 });
    expect((await until(observer, (s) => s.resultCount === 2)).data).toEqual({ n: 2 });
    expect(seen).toContain('connecting');
    expect(seen).toContain('open');
    expect(handshakes()).toBe(1);
  });

  test('while connecting only the latest input is sent', async () => {
    env.emulator.clearRequests();
    const { observer } = observe();
    observer.send({ n: 1 });
    observer.send({ n: 2 });
    observer.send({ n: 3 });
    await until(observer, (s) => s.resultCount >= 1);
    // A marker sent once open: everything before it has been answered when it comes back.
    observer.send({ n: 99 });
    await until(observer, (s) => s.data?.n === 99);
    expect(observer.getSnapshot().resultCount).toBe(2);
  });

  test('the last listener leaving closes the socket; a StrictMode-style resubscribe keeps it', async () => {
    env.emulator.clearRequests();
    const { observer, unsubscribe } = observe();
    observer.send({ n: 1 });
    await until(observer, (s) => s.resultCount === 1);
    expect(env.emulator.openConnections()).toBe(1);

    unsubscribe();
    const again = observer.subscribe(() => {});
    await Promise.resolve();
    await Promise.resolve();
    observer.send({ n: 2 });
    await until(observer, (s) => s.resultCount === 2);
    expect(handshakes()).toBe(1);

    again();
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
    expect(observer.getSnapshot()).toMatchObject({ status: 'closed', isClosed: true, data: { n: 2 } });
  });

  test('close() closes the socket and keeps data; the next send reconnects', async () => {
    env.emulator.clearRequests();
    const { observer } = observe();
    observer.send({ n: 1 });
    await until(observer, (s) => s.resultCount === 1);
    observer.close();
    expect(observer.getSnapshot()).toMatchObject({ status: 'closed', data: { n: 1 } });
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
    observer.send({ n: 2 });
    await until(observer, (s) => s.resultCount === 2);
    expect(handshakes()).toBe(2);
  });

  test('server x-fal-error frames become status error; the socket stays usable and a result clears it', async () => {
    const onError = vi.fn();
    const { observer } = observe({ onError });
    observer.send({ fail: { status: 500 } } as unknown as Echo);
    const failed = await until(observer, (s) => s.status === 'error');
    expect(failed.isError).toBe(true);
    expect(failed.error).toBeInstanceOf(ApiError);
    expect(failed.error?.message).toMatch(/INTERNAL_ERROR/);
    expect(onError).toHaveBeenCalledTimes(1);
    observer.send({ n: 5 });
    expect(await until(observer, (s) => s.resultCount === 1)).toMatchObject({
      status: 'open',
      data: { n: 5 },
      error: undefined,
    });
  });

  test('an abnormal close is an error with the close code', async () => {
    env.emulator.faults.add({ type: 'close', code: 4001, afterMessages: 1, path: '/falkit/echo/**' });
    const { observer } = observe();
    observer.send({ n: 1 });
    const failed = await until(observer, (s) => s.status === 'error');
    expect((failed.error as ApiError).status).toBe(4001);
    expect(failed.data).toEqual({ n: 1 });
  });

  test('a refused token is an error, and no socket is opened', async () => {
    env.emulator.clearRequests();
    const { observer } = observe({
      tokenProvider: () => Promise.reject(new Error('no token for you')),
    });
    observer.send({ n: 1 });
    const failed = await until(observer, (s) => s.status === 'error');
    expect(failed.error?.message).toMatch(/no token for you/);
    expect(handshakes()).toBe(0);
  });

  test('bad options throw FalInputError from send and show as the error, before any network use', () => {
    env.emulator.clearRequests();
    const { observer } = observe({ app: 'not an app' });
    expect(() => observer.send({ n: 1 })).toThrow(FalInputError);
    expect(observer.getSnapshot()).toMatchObject({ status: 'error' });
    expect(observer.getSnapshot().error).toBeInstanceOf(FalInputError);
    const bad = observe({ maxBuffering: 0 });
    expect(() => bad.observer.send({ n: 1 })).toThrow(/maxBuffering/);
    expect(env.emulator.requests()).toHaveLength(0);
  });

  test('the latest onResult / onError passed to setOptions are the ones called', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const { observer } = observe({ onResult: first });
    observer.send({ n: 1 });
    await until(observer, (s) => s.resultCount === 1);
    observer.setOptions({
      app: 'falkit/echo',
      WebSocket: WS,
      throttle: 0,
      throttleInterval: 0,
      onResult: second,
    });
    observer.send({ n: 2 });
    await until(observer, (s) => s.resultCount === 2);
    expect(first.mock.calls).toEqual([[{ n: 1 }]]);
    expect(second.mock.calls).toEqual([[{ n: 2 }]]);
    // Same connection options: the socket was kept.
    expect(env.emulator.openConnections()).toBe(1);
  });

  test('tokenProvider is read at use time: after setOptions the same connection asks the new one', async () => {
    env.emulator.clearRequests();
    // The server drops the first socket after one result; the connection then needs a new token.
    env.emulator.faults.add({ type: 'close', code: 4001, afterMessages: 1, path: '/falkit/echo/**' });
    const used: string[] = [];
    const provider = (label: string) => async () => {
      used.push(label);
      const response = await fetch(`${env.url}/rest.fal.ai/tokens/`, {
        method: 'POST',
        headers: { authorization: 'Key test-key', 'content-type': 'application/json' },
        body: JSON.stringify({ allowed_apps: ['echo'] }),
      });
      return (await response.json()) as string;
    };
    const { observer } = observe({ tokenProvider: provider('first') });
    observer.send({ n: 1 });
    await until(observer, (s) => s.resultCount === 1 && s.status === 'error');
    observer.setOptions({
      app: 'falkit/echo',
      WebSocket: WS,
      throttle: 0,
      throttleInterval: 0,
      tokenProvider: provider('second'),
    });
    expect(observer.getSnapshot().status).toBe('error');
    observer.send({ n: 2 });
    expect(await until(observer, (s) => s.resultCount === 2)).toMatchObject({
      status: 'open',
      error: undefined,
    });
    expect(used).toEqual(['first', 'second']);
    expect(handshakes()).toBe(2);
  });

  test('changing maxBuffering closes the connection; an invalid one is refused by the next send', async () => {
    const { observer } = observe();
    observer.send({ n: 1 });
    await until(observer, (s) => s.resultCount === 1);
    observer.setOptions({
      app: 'falkit/echo',
      WebSocket: WS,
      throttle: 0,
      throttleInterval: 0,
      maxBuffering: 99,
    });
    expect(observer.getSnapshot().status).toBe('closed');
    expect(() => observer.send({ n: 2 })).toThrow(FalInputError);
  });

  test('changing the app closes the connection; the next send connects to the new app', async () => {
    env.emulator.clearRequests();
    const { observer } = observe();
    observer.send({ n: 1 });
    await until(observer, (s) => s.resultCount === 1);
    observer.setOptions({ app: 'falkit/echo/custom', WebSocket: WS, throttle: 0, throttleInterval: 0 });
    expect(observer.getSnapshot().status).toBe('closed');
    observer.send({ n: 2 });
    await until(observer, (s) => s.resultCount === 2);
    const paths = env.emulator
      .requests()
      .filter((entry) => entry.status === 101)
      .map((entry) => entry.path);
    expect(paths).toEqual(['/falkit/echo/realtime', '/falkit/echo/custom/realtime']);
  });

  test('results are published throttled: many results, fewer notifications, the last one shown', async () => {
    const observer = new RealtimeObserver<Echo, Echo>(env.client(), {
      app: 'falkit/echo',
      WebSocket: WS,
      throttleInterval: 0,
      maxBuffering: 60,
      throttle: 60_000,
    });
    let notifications = 0;
    const unsubscribe = observer.subscribe(() => notifications++);
    cleanups.push(() => {
      unsubscribe();
      observer.close();
    });
    const results: Echo[] = [];
    observer.setOptions({
      app: 'falkit/echo',
      WebSocket: WS,
      throttleInterval: 0,
      maxBuffering: 60,
      throttle: 60_000,
      onResult: (result) => results.push(result),
    });
    observer.send({ n: 0 });
    await vi.waitFor(() => expect(results).toHaveLength(1));
    for (let n = 1; n <= 20; n++) observer.send({ n });
    await vi.waitFor(() => expect(results).toHaveLength(21));
    // connecting and open are status changes (published at once); the 21 results wait for the window.
    expect(notifications).toBeLessThanOrEqual(3);
    expect(observer.getSnapshot().resultCount).toBeLessThan(21);
    unsubscribe();
    observer.close();
    expect(observer.getSnapshot()).toMatchObject({ status: 'closed', resultCount: 21, data: { n: 20 } });
  });

  test('types', () => {
    const observer = new RealtimeObserver<{ prompt: string }, { images: string[] }>(env.client(), {
      app: 'fal-ai/fast-lcm-diffusion',
    });
    const snapshot = observer.getSnapshot();
    expectTypeOf(snapshot.status).toEqualTypeOf<RealtimeStatus>();
    expectTypeOf(snapshot.data).toEqualTypeOf<{ images: string[] } | undefined>();
    expectTypeOf(snapshot.send).parameter(0).toEqualTypeOf<{ prompt: string }>();
    expectTypeOf(snapshot.isOpen).toBeBoolean();
    expectTypeOf<
      RealtimeObserverOptions<{ prompt: string }, { images: string[] }>['onResult']
    >().toEqualTypeOf<((result: { images: string[] }) => void) | undefined>();
  });
});
