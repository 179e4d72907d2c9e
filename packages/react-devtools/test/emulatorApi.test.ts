// @vitest-environment node
import { createFalClient } from '@falkit/core';
import { createEmulator } from '@falkit/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorApi } from '../src/panel/emulatorApi';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listening() {
  const emulator = createEmulator({ speed: 0 });
  const server = await emulator.listen({ port: 0, host: '127.0.0.1' });
  closers.push(() => emulator.close());
  return { emulator, url: server.url, client: createFalClient({ credentials: 'k', baseUrl: server.url }) };
}

describe('the Emulator tab’s control API client', () => {
  it('adds, lists and removes faults, and reads jobs and the request log', async () => {
    const { emulator, url, client } = await listening();
    const api = emulatorApi(`${url}/`);
    await api.addFault({ type: 'status', status: 429, retryAfter: 0, host: 'queue.fal.run', times: 1 });
    const [fault] = await api.faults();
    expect(fault).toMatchObject({ type: 'status', status: 429, host: 'queue.fal.run', remaining: 1 });
    expect(emulator.faults.list()).toHaveLength(1);
    await api.removeFault(fault!.id!);
    expect(await api.faults()).toEqual([]);

    await client.subscribe('falkit/echo', { input: { hello: 'tab' } });
    const jobs = await api.jobs();
    expect(jobs).toEqual([expect.objectContaining({ endpointId: 'falkit/echo', status: 'COMPLETED' })]);
    const requests = await api.requests();
    expect(requests.some((entry) => entry.method === 'POST' && entry.path === '/falkit/echo')).toBe(true);
    await api.clearRequests();
    expect(await api.requests()).toEqual([]);
  });

  it('fails with the server’s answer on a bad fault', async () => {
    const { url } = await listening();
    await expect(emulatorApi(url).addFault({ type: 'status', status: 99 })).rejects.toThrow(/HTTP 400/);
  });
});
