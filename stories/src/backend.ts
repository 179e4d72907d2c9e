import { createFalClient, type FalClient } from '@falkit/core';

/** Where the live stories send requests: the local emulator, or real fal.ai through our proxy. */
export type Backend = { kind: 'emulator'; url: string } | { kind: 'proxy'; url: string };

const defaultEmulatorUrl = 'http://127.0.0.1:8787';
let emulatorUrl = import.meta.env.VITE_FALKIT_EMULATOR_URL || defaultEmulatorUrl;
let cachedClient: FalClient | undefined;

/** The storybook test run starts its own emulator on a free port and points the stories at it. */
export function setEmulatorUrl(url: string): void {
  emulatorUrl = url.replace(/\/$/, '');
  cachedClient = undefined;
}

export function currentBackend(): Backend {
  const proxyUrl = import.meta.env.VITE_FALKIT_PROXY_URL;
  return proxyUrl ? { kind: 'proxy', url: proxyUrl } : { kind: 'emulator', url: emulatorUrl };
}

export function describeBackend(backend: Backend = currentBackend()): string {
  return backend.kind === 'proxy'
    ? `fal.ai (real models) through @falkit/proxy at ${backend.url}`
    : `local falkit emulator at ${backend.url} (no key, no network)`;
}

/** One client per backend; the key never reaches the browser (the proxy adds it on the server). */
export function storyClient(): FalClient {
  if (cachedClient) return cachedClient;
  const backend = currentBackend();
  cachedClient =
    backend.kind === 'proxy'
      ? createFalClient({ proxyUrl: { url: backend.url, when: 'always' } })
      : createFalClient({ baseUrl: backend.url });
  return cachedClient;
}

/** A fault as the emulator's HTTP API takes it: match fields (`host`, `method`, `path`) plus an action. */
export interface EmulatorFault {
  host?: string;
  method?: string;
  path?: string;
  type: 'status' | 'ingress' | 'delay' | 'drop' | 'truncate' | 'corrupt';
  times?: number;
  [option: string]: unknown;
}

/** Fault injection through the emulator's HTTP API (`{origin}/__emulator/faults`). */
export const emulatorFaults = {
  async add(fault: EmulatorFault): Promise<unknown> {
    const response = await fetch(`${emulatorUrl}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    if (!response.ok)
      throw new Error(`Adding a fault failed: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  },
  async clear(): Promise<void> {
    await fetch(`${emulatorUrl}/__emulator/faults`, { method: 'DELETE' });
  },
};
