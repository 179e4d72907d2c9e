/**
 * The system under test, over real loopback sockets: an emulator (optionally behind `@falkit/proxy`)
 * and falkit clients pointed at it with fast retries, so fault recovery takes milliseconds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFalClient, type FalClient, type FalClientConfig } from '@falkit/core';
import { type AppContext, createEmulator, type Emulator, type ListeningEmulator } from '@falkit/emulator';
import { createProxyHandler } from '@falkit/proxy';
import { createNodeHandler } from '@falkit/proxy/node';

/** Retries as the defaults, but with millisecond sleeps (Retry-After capped at 50 ms). */
export const FAST_RETRY = { baseDelay: 2, maxDelay: 10, maxRetryAfter: 50 } as const;

export const SERVER_KEY = 'reliability-server-key';

export interface Stack {
  emulator: Emulator;
  server: ListeningEmulator;
  /** A client straight to the emulator (`baseUrl`). */
  client(config?: FalClientConfig): FalClient;
  close(): Promise<void>;
}

export interface Gate {
  /** Lets every job waiting at the gate finish. */
  open(): void;
}

/**
 * Registers `test/gate`: a job that waits (logging once) until the gate opens or it is cancelled,
 * then returns its input. Lets a test hold a job in progress for as long as it needs.
 */
export function gateApp(emulator: Emulator, id = 'test/gate'): Gate {
  let open = false;
  const waiting = new Set<() => void>();
  emulator.app(id, async (ctx: AppContext) => {
    ctx.log('waiting at the gate');
    if (!open) {
      await new Promise<void>((resolve, reject) => {
        const release = () => resolve();
        waiting.add(release);
        ctx.signal.addEventListener('abort', () => {
          waiting.delete(release);
          reject(ctx.signal.reason ?? new Error('cancelled'));
        });
      });
    }
    ctx.log('through the gate');
    return ctx.input;
  });
  return {
    open() {
      open = true;
      for (const release of waiting) release();
      waiting.clear();
    },
  };
}

export async function startStack(options: { workers?: number; key?: string } = {}): Promise<Stack> {
  const emulator = createEmulator({ speed: 0, workers: options.workers ?? 64, key: options.key });
  const server = await emulator.listen({ port: 0 });
  return {
    emulator,
    server,
    client: (config = {}) =>
      createFalClient({
        baseUrl: server.url,
        credentials: options.key ?? 'reliability-client-key',
        retry: FAST_RETRY,
        ...config,
      }),
    close: () => emulator.close(),
  };
}

export interface ProxyStack extends Stack {
  /** `http://127.0.0.1:{port}/api/fal/proxy` */
  proxyUrl: string;
  /** A client with no key of its own that goes through the proxy. */
  proxiedClient(config?: FalClientConfig): FalClient;
}

/** The emulator (requiring the server key) behind `@falkit/proxy`'s Node adapter. */
export async function startProxyStack(
  options: { workers?: number; allowedEndpoints?: string[] } = {},
): Promise<ProxyStack> {
  const stack = await startStack({ workers: options.workers, key: SERVER_KEY });
  const proxyServer: Server = createServer(
    createNodeHandler({
      allowedEndpoints: options.allowedEndpoints ?? ['falkit/echo', 'fal-ai/any-llm', 'test/*'],
      emulatorOrigin: stack.server.url,
      env: { FAL_KEY: SERVER_KEY },
    }),
  );
  // Thousands of concurrent status streams: do not let Node's defaults cut them off.
  proxyServer.maxConnections = 100_000;
  proxyServer.requestTimeout = 0;
  // A deep accept queue: 1,000 clients connecting at once on a busy machine otherwise overflow Node's
  // default backlog (511) and some connections are reset before the server accepts them.
  await new Promise<void>((resolve) =>
    proxyServer.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve),
  );
  const proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}/api/fal/proxy`;
  return {
    ...stack,
    proxyUrl,
    proxiedClient: (config = {}) =>
      createFalClient({ proxyUrl: { url: proxyUrl, when: 'always' }, retry: FAST_RETRY, ...config }),
    async close() {
      proxyServer.closeAllConnections();
      await new Promise((resolve) => proxyServer.close(resolve));
      await stack.close();
    },
  };
}

/**
 * The same stack without sockets: client → proxy handler → emulator, all web-standard `fetch` calls in
 * this process. Used where thousands of requests would otherwise measure the kernel's loopback.
 */
export function inProcessProxyStack(options: { workers?: number; allowedEndpoints?: string[] } = {}) {
  const emulator = createEmulator({ speed: 0, workers: options.workers ?? 64, key: SERVER_KEY });
  const proxy = createProxyHandler({
    allowedEndpoints: options.allowedEndpoints ?? ['falkit/echo', 'fal-ai/any-llm', 'test/*'],
    emulatorOrigin: 'http://emulator.test',
    env: { FAL_KEY: SERVER_KEY },
    fetch: (request) => emulator.fetch(request),
  });
  return {
    emulator,
    proxiedClient: (config: FalClientConfig = {}) =>
      createFalClient({
        proxyUrl: { url: 'http://app.test/api/fal/proxy', when: 'always' },
        fetch: (input, init) => proxy(new Request(input, init)),
        retry: FAST_RETRY,
        ...config,
      }),
    close: () => emulator.close(),
  };
}

/** Queue jobs the emulator created for `endpointId` (the ground truth for duplicate submits). */
export function queueJobs(emulator: Emulator, endpointId: string) {
  return emulator.jobs().filter((job) => job.mode === 'queue' && job.endpointId === endpointId);
}

/** Jobs (any mode) still queued or running. */
export function unfinishedJobs(emulator: Emulator) {
  return emulator.jobs().filter((job) => job.status === 'IN_QUEUE' || job.status === 'IN_PROGRESS');
}

/** Waits until `check` passes (real time), failing with its last error after `timeoutMs`. */
export async function eventually(check: () => void, timeoutMs = 5000, intervalMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Awaits `promise` and returns what it rejected with (or fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    (value) => ({ rejected: false as const, value }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected) {
    throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)?.slice(0, 200)}`);
  }
  return outcome.error;
}
