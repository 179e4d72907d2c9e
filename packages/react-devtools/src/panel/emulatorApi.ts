/** The falkit emulator's control API (`{origin}/__emulator/*`, see packages/emulator/README.md). */

export interface EmulatorJob {
  requestId: string;
  endpointId: string;
  mode: 'queue' | 'run' | 'stream';
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
  queuePosition?: number;
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  resultStatus?: number;
  logCount: number;
}

export interface EmulatorRequestLogEntry {
  id: number;
  method: string;
  host: string;
  path: string;
  status: number;
  time: string;
  durationMs: number;
  requestId?: string;
  fault?: string;
}

export interface EmulatorFault {
  id?: string;
  type: 'status' | 'ingress' | 'delay' | 'drop' | 'truncate' | 'corrupt';
  host?: string;
  method?: string;
  path?: string;
  times?: number;
  status?: number;
  ms?: number;
  afterEvents?: number;
  remaining?: number;
  hits?: number;
  [option: string]: unknown;
}

async function call<T>(origin: string, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${origin.replace(/\/$/, '')}/__emulator${path}`, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function emulatorApi(origin: string) {
  return {
    jobs: () => call<EmulatorJob[]>(origin, '/jobs'),
    requests: () => call<EmulatorRequestLogEntry[]>(origin, '/requests'),
    clearRequests: () => call<void>(origin, '/requests', { method: 'DELETE' }),
    faults: () => call<EmulatorFault[]>(origin, '/faults'),
    addFault: (fault: EmulatorFault) =>
      call<unknown>(origin, '/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      }),
    removeFault: (id: string) =>
      call<void>(origin, `/faults/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}
