import { createFalClient, type FalClient } from '@falkit/core';
import { createEmulator, type Emulator, type EmulatorOptions } from '@falkit/emulator';
import { type RenderOptions, type RenderResult, getConfig, render } from '@testing-library/react';
import { StrictMode, type ReactElement, type ReactNode } from 'react';
import { FalProvider } from '../../src';

/** An in-process emulator (no sockets) and a client routed into it. */
export function emulatorWithClient(options: EmulatorOptions = {}): { emulator: Emulator; client: FalClient } {
  const emulator = createEmulator({ speed: 0, ...options });
  const client = createFalClient({
    baseUrl: 'http://emulator.test',
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  return { emulator, client };
}

/** The emulator on a loopback port: needed when a test counts open connections after an abort. */
export async function listeningEmulatorWithClient(options: EmulatorOptions = {}) {
  const emulator = createEmulator({ speed: 0, ...options });
  const server = await emulator.listen({ port: 0 });
  const client = createFalClient({ baseUrl: server.url });
  return { emulator, client, close: () => emulator.close() };
}

export function renderWithClient(
  ui: ReactElement,
  client: FalClient,
  options: RenderOptions & { strict?: boolean } = {},
): RenderResult {
  const { strict, ...renderOptions } = options;
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <FalProvider client={client}>{children}</FalProvider>;
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  return render(ui, { wrapper, ...renderOptions });
}

export function submits(emulator: Emulator, endpointId: string): number {
  return emulator
    .requests()
    .filter((r) => r.method === 'POST' && r.host === 'queue.fal.run' && r.path === `/${endpointId}`).length;
}

/** Registers `test/forever`: an app that runs until its job is cancelled (or the connection drops). */
export function addForeverApp(emulator: Emulator): 'test/forever' {
  emulator.app(
    'test/forever',
    (ctx) =>
      new Promise((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => reject(new Error('cancelled'))),
      ),
  );
  return 'test/forever';
}

/**
 * Registers `endpointId` as an app that runs until the returned `release()` is called (then answers
 * `{ done: true }`) or its job is cancelled.
 */
export function addGatedApp(emulator: Emulator, endpointId: string): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  emulator.app(endpointId, async (ctx) => {
    await Promise.race([
      gate,
      new Promise((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => reject(new Error('cancelled'))),
      ),
    ]);
    return { done: true };
  });
  return release;
}

/**
 * Resolves with `check()`'s value once it stops throwing, re-checking on every DOM change with React
 * free to render meanwhile (outside `act`, as testing-library waits): an event, not a clock, so a busy
 * machine only makes it slower (the test's own timeout is the one bound).
 */
export function untilDom<T>(check: () => T): Promise<T> {
  const settled = new Promise<T>((resolve) => {
    const observer = new MutationObserver(() => attempt());
    const attempt = () => {
      try {
        const value = check();
        observer.disconnect();
        resolve(value);
        return true;
      } catch {
        return false;
      }
    };
    if (!attempt()) {
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
  });
  return getConfig().asyncWrapper(() => settled) as Promise<T>;
}
