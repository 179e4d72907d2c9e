import { type Emulator, type EmulatorOptions, createEmulator } from '@falkit/emulator';

export const ORIGIN = 'http://emulator.test';

/** `{ORIGIN}/{host}{path}` — the emulator form of `https://{host}{path}`. */
export function url(hostAndPath: string): string {
  return `${ORIGIN}/${hostAndPath.replace(/^\/+/, '')}`;
}

export function post(
  emulator: Emulator,
  hostAndPath: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  return emulator.fetch(
    new Request(url(hostAndPath), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export function get(emulator: Emulator, target: string, headers?: Record<string, string>) {
  return emulator.fetch(new Request(target.startsWith('http') ? target : url(target), { headers }));
}

export function put(emulator: Emulator, target: string) {
  return emulator.fetch(new Request(target.startsWith('http') ? target : url(target), { method: 'PUT' }));
}

export function instant(options: EmulatorOptions = {}): Emulator {
  return createEmulator({ speed: 0, ...options });
}

/** A promise plus its resolve function, for apps the test finishes by hand. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Reads an SSE body to the end and returns the parsed `data:` payloads (raw text when not JSON). */
export async function readSse(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n'),
    )
    .filter((data) => data !== '')
    .map((data) => {
      try {
        return JSON.parse(data);
      } catch {
        return data;
      }
    });
}

/** Polls status until COMPLETED (instant emulators need only a few turns of the event loop). */
export async function waitCompleted(emulator: Emulator, statusUrl: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await get(emulator, statusUrl);
    const body = (await response.json()) as Record<string, unknown>;
    if (body.status === 'COMPLETED') return body;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`not completed: ${statusUrl}`);
}
