import { createNotifyManager, stableHash, SubscribeObserver, Subscribable } from '@falkit/core/observers';
import { describe, expect, it, vi } from 'vitest';
import { emulatorWithClient, waitForSnapshot } from './observersHelpers';

describe('notifyManager', () => {
  it('batches notifications into one flush through a swappable scheduler', () => {
    const manager = createNotifyManager();
    const flushes: Array<() => void> = [];
    manager.setScheduler((flush) => flushes.push(flush));
    const wrapped: string[] = [];
    manager.setBatchNotifyFunction((fn) => {
      wrapped.push('batch');
      fn();
    });
    manager.setNotifyFunction((fn) => {
      wrapped.push('notify');
      fn();
    });
    const calls: number[] = [];
    manager.batch(() => {
      manager.schedule(() => calls.push(1));
      manager.schedule(() => calls.push(2));
      expect(flushes).toHaveLength(0);
    });
    expect(flushes).toHaveLength(1);
    expect(calls).toEqual([]);
    flushes[0]!();
    expect(calls).toEqual([1, 2]);
    expect(wrapped).toEqual(['batch', 'notify', 'notify']);
  });

  it('defaults to a microtask flush', async () => {
    const manager = createNotifyManager();
    const listener = vi.fn();
    manager.schedule(listener);
    expect(listener).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(listener).toHaveBeenCalledOnce();
  });
});

describe('Subscribable', () => {
  it('attaches on the first listener and detaches on the last', () => {
    const events: string[] = [];
    class Probe extends Subscribable {
      protected override onSubscribe() {
        events.push('attach');
      }
      protected override onUnsubscribe() {
        events.push('detach');
      }
    }
    const probe = new Probe();
    const a = probe.subscribe(() => {});
    const b = probe.subscribe(() => {});
    a();
    a();
    expect(events).toEqual(['attach']);
    b();
    expect(events).toEqual(['attach', 'detach']);
  });
});

describe('stableHash', () => {
  it('ignores key order, keeps values apart and gives blobs an identity', () => {
    expect(stableHash({ a: 1, b: { c: 2, d: 3 } })).toBe(stableHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(stableHash({ a: 1 })).not.toBe(stableHash({ a: '1' }));
    const blob = new Blob(['x']);
    expect(stableHash({ file: blob })).toBe(stableHash({ file: blob }));
    expect(stableHash({ file: blob })).not.toBe(stableHash({ file: new Blob(['x']) }));
  });
});

describe('tracked snapshots', () => {
  it('do not notify a listener that only read status when logs change', async () => {
    const { emulator, observed } = emulatorWithClient();
    emulator.app('test/logs', async (ctx) => {
      for (let i = 0; i < 20; i++) {
        ctx.log(`line ${i}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return {};
    });
    const input = {};
    const statusReader = new SubscribeObserver(observed, {
      endpointId: 'test/logs',
      input,
      logs: true,
      throttle: 0,
    });
    const logReader = new SubscribeObserver(observed, {
      endpointId: 'test/logs',
      input,
      logs: true,
      throttle: 0,
    });
    const statusSeen: string[] = [];
    let logNotifications = 0;
    const offStatus = statusReader.subscribe(() => {
      statusSeen.push(statusReader.trackSnapshot(statusReader.getSnapshot()).status);
    });
    statusReader.trackSnapshot(statusReader.getSnapshot()).status;
    const offLogs = logReader.subscribe(() => {
      logNotifications++;
      void logReader.trackSnapshot(logReader.getSnapshot()).logs;
    });
    void logReader.trackSnapshot(logReader.getSnapshot()).logs;
    await waitForSnapshot(statusReader, (s) => s.isSettled);
    await new Promise((resolve) => setTimeout(resolve, 0));
    offStatus();
    offLogs();
    expect(logReader.getSnapshot().logs).toHaveLength(20);
    // Every notification of the status reader carried a new status.
    expect(new Set(statusSeen).size).toBe(statusSeen.length);
    expect(logNotifications).toBeGreaterThan(statusSeen.length);
  });

  it('persist is a no-op where sessionStorage does not exist (server, Node)', async () => {
    const { observed } = emulatorWithClient();
    const observer = new SubscribeObserver(observed, {
      endpointId: 'falkit/echo',
      input: { p: 1 },
      persist: true,
      throttle: 0,
    });
    const off = observer.subscribe(() => {});
    const done = await waitForSnapshot(observer, (s) => s.isSettled);
    off();
    expect(done.status).toBe('success');
  });
});
