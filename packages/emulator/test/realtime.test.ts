import { encode } from '@msgpack/msgpack';
import { afterEach, describe, expect, test } from 'vitest';
import { type Emulator, type ListeningEmulator, createEmulator } from '../src/index.js';
import { type TestSocket, openSocket, wsUrl } from './realtimeTestKit.js';

const running: Emulator[] = [];
const sockets: TestSocket[] = [];

async function start(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator({ speed: 0, ...options });
  running.push(emulator);
  const server: ListeningEmulator = await emulator.listen({ port: 0 });
  const open = async (path: string, headers?: Record<string, string>) => {
    const socket = await openSocket(wsUrl(server.url, path), headers);
    sockets.push(socket);
    return socket;
  };
  return { emulator, server, open };
}

async function issueToken(url: string, key: string, apps: string[]): Promise<string> {
  const response = await fetch(`${url}/rest.fal.ai/tokens/`, {
    method: 'POST',
    headers: { authorization: `Key ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ allowed_apps: apps, token_expiration: 120 }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as string;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate();
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describe('realtime handshake', () => {
  test('with a key: refuses no credentials and foreign tokens, accepts a token for the alias or the key header', async () => {
    const { server, open } = await start({ key: 'secret' });
    await expect(open('/fal.run/falkit/echo/realtime')).rejects.toMatchObject({ status: 401 });
    await expect(open('/fal.run/falkit/echo/realtime?fal_jwt_token=forged')).rejects.toMatchObject({
      status: 401,
    });
    const foreign = await issueToken(server.url, 'secret', ['fast-sdxl']);
    await expect(open(`/fal.run/falkit/echo/realtime?fal_jwt_token=${foreign}`)).rejects.toMatchObject({
      status: 403,
    });
    const token = await issueToken(server.url, 'secret', ['echo']);
    const viaToken = await open(`/fal.run/falkit/echo/realtime?fal_jwt_token=${token}`);
    viaToken.sendMsgpack({ n: 1 });
    expect((await viaToken.nextResult()).value).toEqual({ n: 1 });
    // Python's use_jwt=False: credentials on the handshake itself.
    const viaHeader = await open('/fal.run/falkit/echo/realtime', { authorization: 'Key secret' });
    viaHeader.sendMsgpack({ n: 2 });
    expect((await viaHeader.nextResult()).value).toEqual({ n: 2 });
    await expect(open('/fal.run/falkit/echo/realtime', { authorization: 'Key wrong' })).rejects.toMatchObject(
      {
        status: 401,
      },
    );
  });

  test('without a key anything goes; unknown apps get 404 and max_buffering outside 1..60 gets 422', async () => {
    const { open } = await start();
    const socket = await open('/fal.run/falkit/echo/realtime');
    socket.sendMsgpack({ ok: true });
    expect((await socket.nextResult()).value).toEqual({ ok: true });
    await expect(open('/fal.run/nobody/nothing/realtime')).rejects.toMatchObject({ status: 404 });
    await expect(open('/fal.run/falkit/echo/realtime?max_buffering=0')).rejects.toMatchObject({
      status: 422,
    });
    await expect(open('/fal.run/falkit/echo/realtime?max_buffering=61')).rejects.toMatchObject({
      status: 422,
    });
    await expect(open('/queue.fal.run/falkit/echo/realtime')).rejects.toMatchObject({ status: 404 });
  });

  test('ws.fal.run and custom paths reach the same app', async () => {
    const { open } = await start();
    const viaWsHost = await open('/ws.fal.run/falkit/echo');
    viaWsHost.sendMsgpack({ host: 'ws' });
    expect((await viaWsHost.nextResult()).value).toEqual({ host: 'ws' });
    const customPath = await open('/fal.run/falkit/echo/ws');
    customPath.sendMsgpack({ path: 'ws' });
    expect((await customPath.nextResult()).value).toEqual({ path: 'ws' });
  });

  test('every connection is in the request log (101 when accepted) and counts as open', async () => {
    const { emulator, open } = await start({ key: 'k' });
    await expect(open('/fal.run/falkit/echo/realtime')).rejects.toMatchObject({ status: 401 });
    const socket = await open('/fal.run/falkit/echo/realtime', { authorization: 'Key k' });
    expect(emulator.openConnections()).toBe(1);
    const log = emulator.requests().filter((entry) => entry.path === '/falkit/echo/realtime');
    expect(log.map((entry) => [entry.method, entry.host, entry.status])).toEqual([
      ['GET', 'fal.run', 401],
      ['GET', 'fal.run', 101],
    ]);
    socket.ws.close();
    await socket.closed;
    await expect.poll(() => emulator.openConnections()).toBe(0);
  });
});

describe('realtime messages', () => {
  test('msgpack in, msgpack out, request_id carried, a timings frame after each result, JSON text accepted', async () => {
    const { open } = await start();
    const socket = await open('/fal.run/falkit/echo/realtime');
    socket.ws.send(encode({ prompt: 'a', request_id: 'req-1', bytes: new Uint8Array([1, 2, 3]) }));
    const result = await socket.next();
    expect(result).toEqual({
      binary: true,
      value: { prompt: 'a', request_id: 'req-1', bytes: new Uint8Array([1, 2, 3]) },
    });
    const timings = await socket.next();
    expect(timings.binary).toBe(false);
    expect(timings.value).toMatchObject({ type: 'x-fal-message', action: 'timings' });
    expect(typeof (timings.value as Record<string, unknown>).timing).toBe('number');
    socket.ws.send(JSON.stringify({ via: 'text' }));
    expect(await socket.nextResult()).toEqual({ binary: true, value: { via: 'text' } });
  });

  test('the image stand-in returns a PNG per input (data URL with sync_mode, storage URL otherwise)', async () => {
    const { open } = await start();
    const socket = await open('/fal.run/fal-ai/fast-lcm-diffusion/realtime');
    socket.sendMsgpack({ prompt: 'a red fox', sync_mode: true, seed: 7, request_id: 'r' });
    const first = (await socket.nextResult()).value as {
      images: { url: string; width: number }[];
      request_id: string;
    };
    expect(first.request_id).toBe('r');
    expect(first.images[0]!.width).toBe(512);
    const png = Buffer.from(first.images[0]!.url.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect([...png.subarray(1, 4)].map((code) => String.fromCharCode(code)).join('')).toBe('PNG');

    const sdxl = await open('/fal.run/fal-ai/fast-sdxl/realtime');
    sdxl.sendMsgpack({ prompt: 'a blue fox', image_size: { width: 64, height: 48 } });
    const stored = (await sdxl.nextResult()).value as { images: { url: string; height: number }[] };
    expect(stored.images[0]!.height).toBe(48);
    const file = await fetch(stored.images[0]!.url);
    expect(file.headers.get('content-type')).toBe('image/png');
    await file.arrayBuffer();
  });

  test('fast-lcm-diffusion also answers plain HTTP runs', async () => {
    const { server } = await start();
    const response = await fetch(`${server.url}/fal.run/fal-ai/fast-lcm-diffusion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', image_size: { width: 8, height: 8 } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      images: [{ width: 8, height: 8, content_type: 'image/png' }],
    });
  });

  test('errors come as x-fal-error frames and the socket stays usable', async () => {
    const { open } = await start();
    const socket = await open('/fal.run/fal-ai/fast-lcm-diffusion/realtime');
    socket.sendMsgpack({ seed: 1 });
    expect(await socket.nextResult()).toMatchObject({
      binary: false,
      value: { type: 'x-fal-error', error: 'VALIDATION_ERROR' },
    });
    const echo = await open('/fal.run/falkit/echo/realtime');
    echo.sendMsgpack({ fail: { status: 500 } });
    expect(await echo.nextResult()).toMatchObject({
      binary: false,
      value: { type: 'x-fal-error', error: 'INTERNAL_ERROR' },
    });
    echo.ws.send(new Uint8Array([0xc1]));
    expect(await echo.nextResult()).toMatchObject({
      binary: false,
      value: { type: 'x-fal-error', error: 'INVALID_INPUT' },
    });
    echo.sendMsgpack({ still: 'open' });
    expect((await echo.nextResult()).value).toEqual({ still: 'open' });
  });

  test('inputs wait in a deque capped at max_buffering: the oldest are dropped', async () => {
    const { emulator, open } = await start();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    emulator.app('me/gated', () => ({}), {
      realtime: async ({ input }) => {
        started();
        await gate;
        return input;
      },
    });
    const socket = await open('/fal.run/me/gated/realtime?max_buffering=2');
    socket.sendMsgpack({ n: 1 });
    await firstStarted;
    for (const n of [2, 3, 4, 5, 6]) socket.sendMsgpack({ n });
    // The server answers a ping after handling every frame sent before it.
    await new Promise((resolve) => {
      socket.ws.once('pong', resolve);
      socket.ws.ping();
    });
    release();
    const received = [];
    for (let i = 0; i < 3; i++) received.push((await socket.nextResult()).value);
    expect(received).toEqual([{ n: 1 }, { n: 5 }, { n: 6 }]);
  });

  test('a realtime handler may stream several outputs for one input', async () => {
    const { emulator, open } = await start();
    emulator.app('me/steps', () => ({}), {
      async *realtime({ input }) {
        yield { step: 1, input };
        yield { step: 2, input };
      },
    });
    const socket = await open('/fal.run/me/steps/realtime');
    socket.sendMsgpack({ x: 1, request_id: 'id' });
    expect((await socket.nextResult()).value).toEqual({
      step: 1,
      input: { x: 1, request_id: 'id' },
      request_id: 'id',
    });
    expect((await socket.nextResult()).value).toMatchObject({ step: 2 });
  });
});

describe('realtime session end', () => {
  test('with no input for the session timeout: x-fal-error TIMEOUT, then a normal close', async () => {
    const { emulator, open } = await start({ realtimeTimeoutMs: 40 });
    const socket = await open('/fal.run/falkit/echo/realtime');
    socket.sendMsgpack({ n: 1 });
    expect((await socket.nextResult()).value).toEqual({ n: 1 });
    expect(await socket.nextResult()).toEqual({
      binary: false,
      value: { type: 'x-fal-error', error: 'TIMEOUT', reason: 'no inputs, reconnect when needed!' },
    });
    expect((await socket.closed).code).toBe(1000);
    expect(emulator.openConnections()).toBe(0);
  });

  test('a close fault closes with its code after K results; 1006 resets the socket', async () => {
    const { emulator, open } = await start();
    emulator.faults.add({
      type: 'close',
      code: 4001,
      afterMessages: 1,
      host: 'fal.run',
      path: '/falkit/echo/**',
    });
    const socket = await open('/fal.run/falkit/echo/realtime');
    socket.sendMsgpack({ n: 1 });
    socket.sendMsgpack({ n: 2 });
    expect((await socket.nextResult()).value).toEqual({ n: 1 });
    expect(await socket.closed).toEqual({ code: 4001, reason: 'closed by fault' });
    expect(emulator.requests().at(-1)).toMatchObject({ status: 101, fault: 'close' });

    emulator.faults.add({ type: 'close', code: 1006 });
    const reset = await open('/fal.run/falkit/echo/realtime');
    expect((await reset.closed).code).toBe(1006);

    // Close faults never touch HTTP requests.
    emulator.faults.add({ type: 'close', code: 4000 });
    const run = await fetch(`${(await emulator.listen()).url}/fal.run/falkit/echo`, {
      method: 'POST',
      body: '{"http":true}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await run.json()).toEqual({ http: true });
    expect(emulator.faults.list()).toHaveLength(1);
  });

  test('status faults refuse the handshake; invalid close faults are rejected', async () => {
    const { emulator, open } = await start();
    emulator.faults.add({ type: 'status', status: 503, host: 'fal.run' });
    await expect(open('/fal.run/falkit/echo/realtime')).rejects.toMatchObject({ status: 503 });
    expect(() => emulator.faults.add({ type: 'close', code: 1005 })).toThrow(/close code/);
    expect(() => emulator.faults.add({ type: 'close', code: 4000, afterMessages: -1 })).toThrow(
      /afterMessages/,
    );
  });

  test('emulator.close() closes open sockets (1001)', async () => {
    const { emulator, open } = await start();
    const socket = await open('/fal.run/falkit/echo/realtime');
    await emulator.close();
    expect((await socket.closed).code).toBe(1001);
  });
});
