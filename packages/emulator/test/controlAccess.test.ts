/**
 * The `/__emulator/*` control routes (jobs, request log, faults, reset) are reachable only by the
 * developer's own tools: with a key they need it, and web pages from other origins can neither read them
 * (no CORS for foreign origins) nor drive them blind (a foreign `Origin` is refused outright).
 */
import { createEmulator } from '@falkit/emulator';
import { describe, expect, it } from 'vitest';

const ORIGIN = 'http://emulator.test';
const CONTROL = [
  ['GET', '/__emulator/jobs'],
  ['GET', '/__emulator/requests'],
  ['DELETE', '/__emulator/requests'],
  ['GET', '/__emulator/faults'],
  ['POST', '/__emulator/faults'],
  ['DELETE', '/__emulator/faults'],
  ['POST', '/__emulator/reset'],
] as const;

const call = (emulator: ReturnType<typeof createEmulator>, method: string, path: string, headers = {}) =>
  emulator.fetch(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(method === 'POST' && path.endsWith('faults')
        ? { body: JSON.stringify({ type: 'status', status: 503, host: 'nowhere.test' }) }
        : {}),
    }),
  );

describe('control routes with a key', () => {
  it.each(CONTROL)('%s %s needs the key', async (method, path) => {
    const emulator = createEmulator({ speed: 0, key: 'secret' });
    try {
      for (const headers of [{}, { authorization: 'Key wrong' }]) {
        const response = await call(emulator, method, path, headers);
        expect(response.status, JSON.stringify(headers)).toBe(401);
      }
      expect(emulator.faults.list()).toEqual([]);
      const allowed = await call(emulator, method, path, { authorization: 'Key secret' });
      expect(allowed.status).toBeLessThan(300);
    } finally {
      await emulator.close();
    }
  });

  it('keeps the job list and request log (with fal_jwt_token values) from a caller without the key', async () => {
    const emulator = createEmulator({ speed: 0, key: 'secret' });
    try {
      await emulator.fetch(
        new Request(`${ORIGIN}/queue.fal.run/falkit/echo`, {
          method: 'POST',
          headers: { authorization: 'Key secret', 'content-type': 'application/json' },
          body: '{}',
        }),
      );
      for (const path of ['/__emulator/jobs', '/__emulator/requests']) {
        const response = await call(emulator, 'GET', path);
        expect(response.status).toBe(401);
        expect(await response.text()).not.toMatch(/requestId|falkit\/echo/);
      }
    } finally {
      await emulator.close();
    }
  });
});

describe('control routes and other origins (with or without a key)', () => {
  it.each(CONTROL)('%s %s from https://evil.example is refused, with no CORS grant', async (method, path) => {
    const emulator = createEmulator({ speed: 0 });
    try {
      const response = await call(emulator, method, path, { origin: 'https://evil.example' });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBe(null);
      expect(emulator.faults.list()).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('a preflight from another origin gets no grant on control routes, but does on fal routes', async () => {
    const emulator = createEmulator({ speed: 0 });
    try {
      const preflight = (path: string, origin: string) =>
        emulator.fetch(
          new Request(`${ORIGIN}${path}`, {
            method: 'OPTIONS',
            headers: { origin, 'access-control-request-method': 'POST' },
          }),
        );
      expect(
        (await preflight('/__emulator/faults', 'https://evil.example')).headers.get(
          'access-control-allow-origin',
        ),
      ).toBe(null);
      expect(
        (await preflight('/queue.fal.run/falkit/echo', 'https://app.example')).headers.get(
          'access-control-allow-origin',
        ),
      ).toBe('https://app.example');
    } finally {
      await emulator.close();
    }
  });

  it.each(['http://localhost:6006', 'http://127.0.0.1:5173', 'http://[::1]:3000'])(
    'a page on the same machine (%s) may use them (Storybook, browser tests)',
    async (origin) => {
      const emulator = createEmulator({ speed: 0 });
      try {
        const response = await call(emulator, 'GET', '/__emulator/faults', { origin });
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      } finally {
        await emulator.close();
      }
    },
  );
});

describe('control route bodies', () => {
  it('refuses a fault body over maxBodyBytes with 413, adding nothing', async () => {
    const emulator = createEmulator({ speed: 0, maxBodyBytes: 1024 });
    try {
      const fault = { type: 'status', status: 503, host: `${'x'.repeat(2048)}.test` };
      const response = await emulator.fetch(
        new Request(`${ORIGIN}/__emulator/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(fault),
        }),
      );
      expect(response.status).toBe(413);
      expect(emulator.faults.list()).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
