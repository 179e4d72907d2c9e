import type { FalClient } from '@falkit/core';
import {
  type FalActivity,
  FalStore,
  RealtimeObserver,
  StreamObserver,
  UploadObserver,
} from '@falkit/core/observers';
import type { WebSocketConstructor } from '@falkit/core/realtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { emulatorWithClient } from './observersHelpers';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

// Streams, uploads and realtime connections are listed by their store (`getAll()`, `subscribe`),
// so tooling such as the devtools sees them live: from their first start, while they run, and
// afterwards while anyone observes them.

const microtasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function recordEvents(store: FalStore<FalClient>) {
  const events: string[] = [];
  store.subscribe(({ type, entry }) => {
    if (entry.kind === 'stream' || entry.kind === 'upload' || entry.kind === 'realtime')
      events.push(`${type} ${entry.kind} ${String(entry.status)}`);
  });
  return events;
}

const activities = (store: FalStore<FalClient>): FalActivity[] =>
  store
    .getAll()
    .filter(
      (entry): entry is FalActivity =>
        entry.kind === 'stream' || entry.kind === 'upload' || entry.kind === 'realtime',
    );

describe('FalStore lists active streams, uploads and realtime connections', () => {
  it('a stream: listed from start with its endpoint, input and status; kept while observed; gone after', async () => {
    const { client } = emulatorWithClient();
    const store = new FalStore({ client });
    const events = recordEvents(store);
    const observer = new StreamObserver<{ events: number }, unknown>(store, {
      endpointId: 'falkit/echo',
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    expect(activities(store)).toEqual([]); // idle: nothing to show

    const done = observer.getSnapshot().start({ events: 3 });
    const [entry] = activities(store);
    expect(entry).toMatchObject({
      kind: 'stream',
      endpointId: 'falkit/echo',
      input: { events: 3 },
      status: 'streaming',
    });
    await done;
    expect(activities(store)).toEqual([entry]);
    expect(entry!.status).toBe('success');
    expect(entry!.getSnapshot()).toBe(observer.getSnapshot());

    off();
    await microtasks();
    expect(activities(store)).toEqual([]);
    expect(events[0]).toBe('added stream streaming');
    expect(events).toContain('updated stream success');
    expect(events.at(-1)).toBe('removed stream success');
  });

  it('a stream nobody observes is listed while it runs only; reset() unlists an observed one', async () => {
    const { client } = emulatorWithClient();
    const store = new FalStore({ client });
    const observer = new StreamObserver<{ events: number }, unknown>(store, { endpointId: 'falkit/echo' });
    const done = observer.getSnapshot().start({ events: 2 });
    expect(activities(store)).toHaveLength(1);
    await done;
    expect(activities(store)).toEqual([]);

    const off = observer.subscribe(() => {});
    expect(activities(store)).toHaveLength(1); // finished and observed again: shown
    observer.getSnapshot().reset();
    expect(activities(store)).toEqual([]);
    off();
  });

  it("an observer given a client is listed by the client's default store", async () => {
    const { client } = emulatorWithClient();
    const observer = new StreamObserver<{ events: number }, unknown>(client, { endpointId: 'falkit/echo' });
    const done = observer.getSnapshot().start({ events: 1 });
    expect(activities(FalStore.for(client))).toHaveLength(1);
    await done;
    expect(activities(FalStore.for(client))).toEqual([]);
  });

  it('an upload: listed while uploading and while observed after, with its progress in the snapshot', async () => {
    const { client } = emulatorWithClient();
    const store = new FalStore({ client });
    const events = recordEvents(store);
    const observer = new UploadObserver(store, { throttle: 0 });
    const off = observer.subscribe(() => {});
    const uploaded = observer.getSnapshot().upload([new Blob(['hello'], { type: 'text/plain' })]);
    const [entry] = activities(store);
    expect(entry).toMatchObject({ kind: 'upload', endpointId: undefined, status: 'uploading' });
    const urls = await uploaded;
    expect(entry!.status).toBe('success');
    expect((entry!.getSnapshot() as { urls: string[] }).urls).toEqual(urls);
    off();
    await microtasks();
    expect(activities(store)).toEqual([]);
    expect(events).toEqual(['added upload uploading', ...events.slice(1, -1), 'removed upload success']);
  });
});

describe('FalStore lists realtime connections', () => {
  let env: RunningEmulator;
  beforeAll(async () => {
    env = await startEmulator({ key: 'test-key', realtimeTimeoutMs: 60_000 });
  });
  afterAll(() => env.close());

  it('listed from the first send with the app and the last input; gone once closed and unobserved', async () => {
    const store = new FalStore({ client: env.client() });
    const observer = new RealtimeObserver<{ n: number }, { n: number }>(store, {
      app: 'falkit/echo',
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      throttle: 0,
      throttleInterval: 0,
    });
    const off = observer.subscribe(() => {});
    expect(activities(store)).toEqual([]);
    observer.getSnapshot().send({ n: 1 });
    const [entry] = activities(store);
    expect(entry).toMatchObject({ kind: 'realtime', endpointId: 'falkit/echo', input: { n: 1 } });
    await vi.waitFor(() => expect(observer.getSnapshot().resultCount).toBe(1));
    expect(entry!.status).toBe('open');
    observer.getSnapshot().close();
    expect(activities(store)).toEqual([entry]); // closed, still observed
    off();
    await microtasks();
    expect(activities(store)).toEqual([]);
    await vi.waitFor(() => expect(env.emulator.openConnections()).toBe(0));
  });
});
