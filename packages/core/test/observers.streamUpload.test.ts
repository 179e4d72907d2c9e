import { StreamObserver, UploadObserver, UploadRejectedError } from '@falkit/core/observers';
import type { AppContext } from '@falkit/emulator';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { emulatorWithClient, listeningEmulatorWithClient, waitForSnapshot } from './observersHelpers';

describe('StreamObserver', () => {
  it('streams events, keeps the last maxEvents, and ends in success with the final event', async () => {
    const { observed } = emulatorWithClient();
    const onEvent = vi.fn();
    const observer = new StreamObserver<{ events: number }, { index?: number; events?: number }>(observed, {
      endpointId: 'falkit/echo',
      throttle: 0,
      maxEvents: 2,
      onEvent,
    });
    const off = observer.subscribe(() => {});
    const final = await observer.getSnapshot().start({ events: 4 });
    const done = observer.getSnapshot();
    off();
    expect(done.status).toBe('success');
    expect(final).toEqual({ events: 4 });
    expect(done.data).toEqual({ events: 4 });
    expect(done.eventCount).toBe(5);
    expect(done.events).toEqual([{ index: 3, total: 4 }, { events: 4 }]);
    expect(onEvent).toHaveBeenCalledTimes(5);
  });

  it('exposes the request id once the response has arrived (while streaming and after)', async () => {
    const { emulator, observed } = emulatorWithClient();
    const observer = new StreamObserver<{ events: number }, unknown>(observed, {
      endpointId: 'falkit/echo',
      throttle: 0,
    });
    const seenWhileStreaming: Array<string | undefined> = [];
    const off = observer.subscribe(() => {
      const snapshot = observer.getSnapshot();
      if (snapshot.status === 'streaming' && snapshot.eventCount > 0)
        seenWhileStreaming.push(snapshot.requestId);
    });
    await observer.getSnapshot().start({ events: 2 });
    off();
    const streamed = emulator.requests().find((entry) => entry.path.endsWith('falkit/echo/stream'));
    expect(streamed?.requestId).toBeTruthy();
    expect(observer.getSnapshot().requestId).toBe(streamed?.requestId);
    expect(seenWhileStreaming.length).toBeGreaterThan(0);
    expect(seenWhileStreaming.every((id) => id === streamed?.requestId)).toBe(true);
  });

  it('keeps the request id of a stream that fails with an answer', async () => {
    const { emulator, observed } = emulatorWithClient();
    emulator.faults.add({ path: '**/stream', type: 'status', status: 500 });
    const observer = new StreamObserver<{ events: number }, unknown>(observed, {
      endpointId: 'falkit/echo',
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    await observer
      .getSnapshot()
      .start({ events: 2 })
      .catch(() => {});
    off();
    const snapshot = observer.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.requestId).toBe((snapshot.error as { requestId?: string }).requestId || undefined);
  });

  it('survives a StrictMode-style unsubscribe/resubscribe; the last listener leaving stops it', async () => {
    const { emulator, observed, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    let context!: AppContext;
    emulator.app('test/held-stream', async function* (ctx) {
      context = ctx;
      yield { token: 'a' };
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
    });
    const observer = new StreamObserver<object, { token: string }>(observed, {
      endpointId: 'test/held-stream',
      throttle: 0,
    });
    const first = observer.subscribe(() => {});
    const finished = observer.getSnapshot().start({});
    await waitForSnapshot(observer, (s) => s.data !== undefined);
    first();
    const second = observer.subscribe(() => {});
    await Promise.resolve();
    await Promise.resolve();
    expect(observer.getSnapshot().status).toBe('streaming');
    expect(context.signal.aborted).toBe(false);
    second();
    await expect(finished).resolves.toEqual({ token: 'a' });
    expect(observer.getSnapshot().status).toBe('cancelled');
    await vi.waitFor(() => expect(context.signal.aborted).toBe(true));
  });

  it('stop() keeps the partial output, ends in cancelled (not error) and closes the connection', async () => {
    const { emulator, observed, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    let context!: AppContext;
    let sent!: () => void;
    const firstSent = new Promise<void>((resolve) => {
      sent = resolve;
    });
    emulator.app('test/slow-stream', async function* (ctx) {
      context = ctx;
      yield { token: 'Hello' };
      sent();
      await new Promise((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))),
      );
    });
    const observer = new StreamObserver<object, { token: string }>(observed, {
      endpointId: 'test/slow-stream',
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    const finished = observer.getSnapshot().start({});
    await firstSent;
    await waitForSnapshot(observer, (s) => s.data !== undefined);
    observer.getSnapshot().stop();
    const snapshot = observer.getSnapshot();
    expect(snapshot.status).toBe('cancelled');
    expect(snapshot.isError).toBe(false);
    expect(snapshot.data).toEqual({ token: 'Hello' });
    await expect(finished).resolves.toEqual({ token: 'Hello' });
    await vi.waitFor(() => expect(context.signal.aborted).toBe(true));
    await vi.waitFor(() => expect(emulator.openConnections()).toBe(0));
    off();
  });

  it('reports an HTTP error as status error', async () => {
    const { observed } = emulatorWithClient();
    const observer = new StreamObserver(observed, { endpointId: 'fal-ai/any-llm', throttle: 0 });
    const off = observer.subscribe(() => {});
    void observer.getSnapshot().start({});
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.status).toBe('error');
    expect(done.error).toBeInstanceOf(Error);
  });
});

describe('UploadObserver', () => {
  it('uploads files with progress and returns their URLs', async () => {
    const { emulator, observed } = emulatorWithClient();
    const observer = new UploadObserver(observed, { throttle: 0, progressGranularity: 'all' });
    const fractions: number[] = [];
    const off = observer.subscribe(() => fractions.push(observer.getSnapshot().progress.fraction));
    const files = [
      new File(['hello'], 'a.txt', { type: 'text/plain' }),
      new File([new Uint8Array(2048)], 'b.bin', { type: 'application/octet-stream' }),
    ];
    const urls = await observer.getSnapshot().upload(files);
    const done = observer.getSnapshot();
    off();
    expect(done.status).toBe('success');
    expect(urls).toHaveLength(2);
    expect(done.urls).toEqual(urls);
    expect(done.progress).toEqual({ loaded: 5 + 2048, total: 5 + 2048, fraction: 1 });
    expect(done.files.map((f) => [f.name, f.status, f.fraction])).toEqual([
      ['a.txt', 'success', 1],
      ['b.bin', 'success', 1],
    ]);
    expect(fractions.at(-1)).toBe(1);
    const stored = await emulator.fetch(new Request(urls[0]!));
    expect(await stored.text()).toBe('hello');
  });

  it('rejects invalid files with typed codes before any request', async () => {
    const { emulator, observed } = emulatorWithClient();
    const onRejected = vi.fn();
    const observer = new UploadObserver(observed, {
      throttle: 0,
      accept: 'image/*',
      maxSize: 10,
      onRejected,
    });
    const off = observer.subscribe(() => {});
    const result = observer
      .getSnapshot()
      .upload([
        new File(['text'], 'a.txt', { type: 'text/plain' }),
        new File([new Uint8Array(100)], 'big.png', { type: 'image/png' }),
      ]);
    await expect(result).rejects.toBeInstanceOf(UploadRejectedError);
    const snapshot = observer.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.errors.map((e) => e.code)).toEqual(['file-invalid-type', 'file-too-large']);
    expect(onRejected).toHaveBeenCalledOnce();
    expect(emulator.requests()).toHaveLength(0);

    const tooMany = new UploadObserver(observed, { maxFiles: 1 });
    await expect(tooMany.upload([new Blob(['a']), new Blob(['b'])])).rejects.toMatchObject({
      rejections: [{ code: 'too-many-files' }, { code: 'too-many-files' }],
    });
    off();
  });

  it('publishes progress at the chosen granularity', async () => {
    const observer = new UploadObserver(fakeUploadClient(), { throttle: 0, progressGranularity: 'coarse' });
    const published: number[] = [];
    const off = observer.subscribe(() => published.push(observer.getSnapshot().progress.loaded));
    await observer.upload(new Blob([new Uint8Array(100)]));
    off();
    // 100 progress events of 1 byte: coarse publishes once per 10 %, plus start and finish.
    expect(published.length).toBeLessThanOrEqual(14);
    expect(published.at(-1)).toBe(100);
  });

  it('cancel() aborts transfers and ends in cancelled', async () => {
    let aborted = false;
    const client = fakeUploadClient((signal) => {
      signal.addEventListener('abort', () => {
        aborted = true;
      });
      return new Promise(() => {});
    });
    const observer = new UploadObserver(client, { throttle: 0 });
    const off = observer.subscribe(() => {});
    const result = observer.upload(new Blob(['x']));
    observer.cancel();
    expect(observer.getSnapshot().status).toBe('cancelled');
    expect(aborted).toBe(true);
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    off();
  });

  it('survives a StrictMode-style unsubscribe/resubscribe; the last listener leaving cancels', async () => {
    let aborted = false;
    const client = fakeUploadClient((signal) => {
      signal.addEventListener('abort', () => {
        aborted = true;
      });
      return new Promise(() => {});
    });
    const observer = new UploadObserver(client, { throttle: 0 });
    observer.subscribe(() => {})();
    const off = observer.subscribe(() => {});
    const result = observer.upload(new Blob(['x']));
    result.catch(() => {});
    observer.subscribe(() => {})();
    await Promise.resolve();
    expect(observer.getSnapshot().status).toBe('uploading');
    off();
    expect(observer.getSnapshot().status).toBe('uploading');
    await vi.waitFor(() => expect(observer.getSnapshot().status).toBe('cancelled'));
    expect(aborted).toBe(true);
  });
});

function fakeUploadClient(transfer?: (signal: AbortSignal) => Promise<string>) {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    run: unused,
    stream: unused,
    queue: { submit: unused, subscribeToStatus: unused, result: unused, cancel: unused },
    storage: {
      upload: async (
        file: Blob,
        options?: {
          onProgress?: (p: { loaded: number; total: number; fraction: number }) => void;
          signal?: AbortSignal;
        },
      ) => {
        if (transfer) return transfer(options!.signal!);
        for (let loaded = 1; loaded <= file.size; loaded++) {
          options?.onProgress?.({ loaded, total: file.size, fraction: loaded / file.size });
        }
        return 'https://cdn.test/file';
      },
    },
  };
}
