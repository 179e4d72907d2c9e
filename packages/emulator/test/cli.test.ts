import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError, main } from '../src/cli.js';
import type { ListeningEmulator } from '@falkit/emulator';

describe('falkit-emulator CLI', () => {
  let server: ListeningEmulator | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('prints exactly the listening line and serves requests', async () => {
    const lines: string[] = [];
    server = await main(['--port', '0', '--speed', '0', '--workers', '3'], {
      log: (line) => lines.push(line),
      error: () => {},
    });
    expect(lines).toEqual([`falkit emulator listening on ${server.url}`]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/fal.run/falkit/echo`, {
      method: 'POST',
      body: '{"ok":true}',
    });
    expect(await response.json()).toEqual({ ok: true });
  });

  it('requires the key when --key is given', async () => {
    server = await main(['--port', '0', '--key', 'secret'], { log: () => {}, error: () => {} });
    const denied = await fetch(`${server.url}/fal.run/falkit/echo`, { method: 'POST', body: '{}' });
    expect(denied.status).toBe(401);
    const allowed = await fetch(`${server.url}/fal.run/falkit/echo`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: 'Key secret' },
    });
    expect(allowed.status).toBe(200);
  });

  it('rejects bad arguments with a usage error', async () => {
    const io = { log: () => {}, error: () => {} };
    await expect(main(['--speed', 'fast'], io)).rejects.toBeInstanceOf(CliUsageError);
    await expect(main(['--workers', '0'], io)).rejects.toThrow('Invalid --workers');
    await expect(main(['--bogus'], io)).rejects.toBeInstanceOf(CliUsageError);
  });
});
