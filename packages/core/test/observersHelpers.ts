import { createFalClient, type FalClient } from '@falkit/core';
import type { ObservedClient } from '@falkit/core/observers';
import { createEmulator, type Emulator, type EmulatorOptions } from '@falkit/emulator';

/** An in-process emulator (no sockets) and a client routed into it. */
export function emulatorWithClient(options: EmulatorOptions = {}): {
  emulator: Emulator;
  client: FalClient;
  observed: ObservedClient;
} {
  const emulator = createEmulator({ speed: 0, ...options });
  const client = createFalClient({
    credentials: 'test-key',
    baseUrl: 'http://emulator.test',
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  return { emulator, client, observed: client };
}

/** `METHOD host/path` for each request the emulator saw matching `filter`. */
export function requestLines(emulator: Emulator, filter?: (line: string) => boolean): string[] {
  const lines = emulator.requests().map((entry) => `${entry.method} ${entry.host}${entry.path}`);
  return filter ? lines.filter(filter) : lines;
}

export function submits(emulator: Emulator, endpointId: string): number {
  return requestLines(emulator, (line) => line === `POST queue.fal.run/${endpointId}`).length;
}

/** Resolve when `predicate` holds for the observer's snapshot (checked on each notification). */
export function waitForSnapshot<T extends object>(
  observer: { subscribe(listener: () => void): () => void; getSnapshot(): T },
  predicate: (snapshot: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    if (predicate(observer.getSnapshot())) {
      resolve(observer.getSnapshot());
      return;
    }
    const unsubscribe = observer.subscribe(() => {
      const snapshot = observer.getSnapshot();
      if (predicate(snapshot)) {
        unsubscribe();
        resolve(snapshot);
      }
    });
  });
}

/**
 * The emulator on a loopback port, for tests about connections: aborting a fetch closes its socket,
 * which the in-process handler cannot observe.
 */
export async function listeningEmulatorWithClient(options: EmulatorOptions = {}) {
  const emulator = createEmulator({ speed: 0, ...options });
  const server = await emulator.listen({ port: 0 });
  const client = createFalClient({ credentials: 'test-key', baseUrl: server.url });
  const observed: ObservedClient = client;
  return { emulator, client, observed, close: () => emulator.close() };
}
