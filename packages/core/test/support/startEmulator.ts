import { type FalClientConfig, createFalClient } from '@falkit/core';
import { type Emulator, type EmulatorOptions, createEmulator } from '@falkit/emulator';

/** An in-process emulator on a free loopback port, and a client pointed at it. */
export interface RunningEmulator {
  emulator: Emulator;
  url: string;
  client(config?: FalClientConfig): ReturnType<typeof createFalClient>;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  // Webhooks are answered in-process: tests reach nothing beyond loopback.
  const webhookSink: typeof fetch = async () => new Response(null, { status: 200 });
  const emulator = createEmulator({ speed: 0, fetch: webhookSink, ...options });
  const server = await emulator.listen({ port: 0 });
  return {
    emulator,
    url: server.url,
    client: (config = {}) => createFalClient({ baseUrl: server.url, credentials: 'test-key', ...config }),
    close: () => emulator.close(),
  };
}

/** Wraps fetch so every response body arrives `size` bytes at a time (to split UTF-8 characters). */
export function rechunkingFetch(size: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    let pending = new Uint8Array(0);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        while (pending.length === 0) {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          pending = value;
        }
        controller.enqueue(pending.slice(0, size));
        pending = pending.subarray(size);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
