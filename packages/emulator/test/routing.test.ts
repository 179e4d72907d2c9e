import { describe, expect, it } from 'vitest';
import { AppError, createEmulator } from '@falkit/emulator';
import { ORIGIN, get, instant, post, readSse, url, waitCompleted } from './helpers.js';

describe('direct run', () => {
  it('answers with the output and x-fal-request-id', async () => {
    const emulator = instant();
    const response = await post(emulator, 'fal.run/falkit/echo', { value: 42 });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-fal-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ value: 42 });
    expect(emulator.jobs()[0]).toMatchObject({ mode: 'run', status: 'COMPLETED', endpointId: 'falkit/echo' });
  });

  it('takes input from the query string for GET', async () => {
    const emulator = instant();
    const response = await get(emulator, 'fal.run/falkit/echo?prompt=hi&n=2');
    expect(await response.json()).toEqual({ prompt: 'hi', n: '2' });
  });

  it('passes an app error through with its status, body and headers', async () => {
    const emulator = instant();
    const response = await post(emulator, 'fal.run/falkit/echo', {
      fail: { status: 503, body: { detail: 'busy' }, headers: { 'x-fal-retryable': 'true' } },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('x-fal-retryable')).toBe('true');
    expect(await response.json()).toEqual({ detail: 'busy' });
  });

  it('turns an app crash into a 500 runner_server_error instead of crashing', async () => {
    const emulator = instant();
    emulator.app('test/crash', () => {
      throw new Error('boom');
    });
    const response = await post(emulator, 'fal.run/test/crash', {});
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ detail: 'boom', error_type: 'runner_server_error' });
    expect((await post(emulator, 'fal.run/falkit/echo', { ok: 1 })).status).toBe(200);
  });

  it('turns an app error with an impossible HTTP status into a 500 runner_server_error that replays', async () => {
    const emulator = instant();
    emulator.app('test/odd', () => {
      throw new AppError(999, { detail: 'odd' });
    });
    const response = await post(emulator, 'fal.run/test/odd', {});
    expect(response.status).toBe(500);
    expect(response.headers.get('x-fal-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      detail: 'App answered with an invalid HTTP status: 999',
      error_type: 'runner_server_error',
    });
    const queued = (await (
      await post(emulator, 'queue.fal.run/falkit/echo', { fail: { status: 42 } })
    ).json()) as {
      status_url: string;
      response_url: string;
    };
    await waitCompleted(emulator, queued.status_url);
    expect((await get(emulator, queued.response_url)).status).toBe(500);
  });

  it('rejects echo step counts it could never finish with a 422, and stays up', async () => {
    const emulator = instant();
    for (const input of [{ logs: 1e9 }, { events: 10_001 }, { logs: -1 }, { events: 'many' }]) {
      const response = await post(emulator, 'fal.run/falkit/echo', input);
      expect(response.status).toBe(422);
      const [issue] = ((await response.json()) as { detail: { loc: string[] }[] }).detail;
      expect(issue!.loc).toEqual(['body', Object.keys(input)[0]]);
    }
    expect(await (await post(emulator, 'fal.run/falkit/echo', { logs: 3, events: 2 })).json()).toEqual({
      logs: 3,
      events: 2,
    });
  });

  it('cancels the job when the caller of a direct run goes away', async () => {
    const emulator = instant();
    let aborted = false;
    emulator.app('test/slow', async (context) => {
      context.signal.addEventListener('abort', () => {
        aborted = true;
      });
      await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
      return { late: true };
    });
    const caller = new AbortController();
    const pending = emulator.fetch(
      new Request(url('fal.run/test/slow'), { method: 'POST', body: '{}', signal: caller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(emulator.jobs()[0]).toMatchObject({ mode: 'run', status: 'IN_PROGRESS' });
    caller.abort();
    expect((await pending).status).toBe(499);
    expect(aborted).toBe(true);
    expect(emulator.jobs()[0]!.status).toBe('CANCELLED');
    expect(emulator.openConnections()).toBe(0);
  });
});

describe('endpoint ids', () => {
  it('submits with the endpoint path but polls with owner/alias only', async () => {
    const emulator = instant();
    let seenPath: string[] = [];
    emulator.app('test/multi', (context) => {
      seenPath = context.subpath;
      return { endpoint: context.endpointId };
    });
    const submitted = (await (
      await post(emulator, 'queue.fal.run/test/multi/image-to-image', {})
    ).json()) as {
      status_url: string;
      response_url: string;
    };
    expect(submitted.status_url).toMatch(/\/queue\.fal\.run\/test\/multi\/requests\/[\w-]+\/status$/);
    await waitCompleted(emulator, submitted.status_url);
    expect(await (await get(emulator, submitted.response_url)).json()).toEqual({
      endpoint: 'test/multi/image-to-image',
    });
    expect(seenPath).toEqual(['image-to-image']);
    const flux = (await (
      await post(emulator, 'queue.fal.run/fal-ai/flux/dev', {
        prompt: 'p',
        image_size: { width: 4, height: 4 },
      })
    ).json()) as {
      status_url: string;
    };
    expect(flux.status_url).toContain('/queue.fal.run/fal-ai/flux/requests/');
    expect((await waitCompleted(emulator, flux.status_url)).status).toBe('COMPLETED');
  });

  it.each(['workflows', 'comfy'])('serves the %s namespace (prefix kept in every URL)', async (namespace) => {
    const emulator = instant();
    const submitted = (await (
      await post(emulator, `queue.fal.run/${namespace}/falkit/echo`, { a: 1 })
    ).json()) as {
      status_url: string;
      response_url: string;
    };
    expect(submitted.status_url).toMatch(
      new RegExp(`/queue\\.fal\\.run/${namespace}/falkit/echo/requests/[\\w-]+/status$`),
    );
    await waitCompleted(emulator, submitted.status_url);
    expect(await (await get(emulator, submitted.response_url)).json()).toEqual({ a: 1 });
    // The same id without the namespace is a different queue.
    const id = submitted.response_url.split('/').at(-1);
    expect((await get(emulator, `queue.fal.run/falkit/echo/requests/${id}`)).status).toBe(404);
    expect(await (await post(emulator, `fal.run/${namespace}/falkit/echo`, { b: 2 })).json()).toEqual({
      b: 2,
    });
  });

  it('prefers an app registered under the namespaced id', async () => {
    const emulator = instant();
    emulator.app('workflows/falkit/echo', () => ({ workflow: true }));
    expect(await (await post(emulator, 'fal.run/workflows/falkit/echo', {})).json()).toEqual({
      workflow: true,
    });
  });

  it('refuses a malformed app registration at once, not at request time', () => {
    const emulator = instant();
    expect(() => emulator.app('solo', () => ({}))).toThrow('owner/alias');
    expect(() => emulator.app('acme/app', 'not a function' as never)).toThrow(TypeError);
  });

  it('maps legacy {digits}-{name} ids', async () => {
    const emulator = instant();
    emulator.app('123/myapp', () => ({ legacy: true }));
    expect(await (await post(emulator, 'fal.run/123-myapp', {})).json()).toEqual({ legacy: true });
  });

  it('maps legacy ids on the queue too, with owner/alias status URLs', async () => {
    const emulator = instant();
    emulator.app('123/myapp', () => ({ legacy: true }));
    const response = await post(emulator, 'queue.fal.run/123-myapp', {});
    expect(response.status).toBe(200);
    const { status_url } = (await response.json()) as { status_url: string };
    expect(status_url).toMatch(/\/queue\.fal\.run\/123\/myapp\/requests\/[0-9a-f-]{36}\/status$/);
  });

  it('answers 400 "Invalid app id" for a single segment that is not {digits}-{name}', async () => {
    const emulator = instant();
    emulator.app('123/myapp', () => ({ legacy: true }));
    for (const path of [
      'fal.run/myapp',
      'queue.fal.run/myapp',
      'fal.run/myapp-123',
      'fal.run/workflows/solo',
    ]) {
      const response = await post(emulator, path, {});
      expect(response.status).toBe(400);
      expect(response.headers.get('x-fal-error-type')).toBe('bad_request');
      const body = (await response.json()) as { detail: string; error_type: string };
      expect(body.detail).toMatch(/^Invalid app id: /);
      expect(body.error_type).toBe('bad_request');
    }
    expect(emulator.jobs()).toEqual([]);
  });

  it("answers fal's 404 for unknown apps", async () => {
    const emulator = instant();
    for (const path of ['fal.run/nobody/nothing', 'queue.fal.run/nobody/nothing', 'fal.run/fal-ai/flux']) {
      const response = await post(emulator, path, {});
      expect(response.status).toBe(404);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/^Application '.+' not found$/);
    }
    expect(emulator.jobs()).toEqual([]);
  });
});

describe('streaming endpoints', () => {
  it('sends each yielded value as an event; the last one is the result', async () => {
    const emulator = instant();
    emulator.app('test/counter', async function* () {
      yield { n: 1 };
      yield { n: 2 };
      return { n: 3, final: true };
    });
    const response = await post(emulator, 'fal.run/test/counter/stream', {}, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-fal-request-id')).toBeTruthy();
    expect(await readSse(response)).toEqual([{ n: 1 }, { n: 2 }, { n: 3, final: true }]);
    expect(emulator.openConnections()).toBe(0);
  });

  it('streams a plain (non-generator) app as one event', async () => {
    const emulator = instant();
    expect(await readSse(await post(emulator, 'fal.run/falkit/echo/stream', { x: 1 }))).toEqual([{ x: 1 }]);
  });

  it('answers an error before the first event as a plain HTTP error (422 stays a 422)', async () => {
    const emulator = instant();
    const response = await post(emulator, 'fal.run/fal-ai/any-llm/stream', {});
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('sends an error after events started as a final data event', async () => {
    const emulator = instant();
    emulator.app('test/breaks', async function* () {
      yield { n: 1 };
      throw new AppError(500, { detail: 'broke midway' });
    });
    expect(await readSse(await post(emulator, 'fal.run/test/breaks/stream', {}))).toEqual([
      { n: 1 },
      { detail: 'broke midway' },
    ]);
  });

  it('cancels the job when the caller goes away', async () => {
    const emulator = createEmulator({ speed: 1 });
    let aborted = false;
    emulator.app('test/endless', async function* (context) {
      context.signal.addEventListener('abort', () => {
        aborted = true;
      });
      for (let n = 0; ; n++) {
        yield { n };
        await context.sleep(5);
      }
    });
    const response = await post(emulator, 'fal.run/test/endless/stream', {});
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(aborted).toBe(true);
    expect(emulator.jobs()[0]!.status).toBe('CANCELLED');
    expect(emulator.openConnections()).toBe(0);
  });
});

describe('tokens and auth', () => {
  it('issues a bare JSON string token and checks allowed_apps on fal_jwt_token', async () => {
    const emulator = instant({ key: 'k1' });
    const denied = await post(emulator, 'rest.fal.ai/tokens/', { allowed_apps: ['echo'] });
    expect(denied.status).toBe(401);
    const response = await post(
      emulator,
      'rest.fal.ai/tokens/',
      { allowed_apps: ['echo'], token_expiration: 120 },
      { authorization: 'Key k1' },
    );
    expect(response.ok).toBe(true);
    const token = await response.json();
    expect(typeof token).toBe('string');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const ok = await post(emulator, `fal.run/falkit/echo/stream?fal_jwt_token=${token}`, { y: 1 });
    expect(ok.status).toBe(200);
    expect(await readSse(ok)).toEqual([{ y: 1 }]);
    const wrongApp = await post(emulator, `fal.run/fal-ai/any-llm/stream?fal_jwt_token=${token}`, {
      prompt: 'x',
    });
    expect(wrongApp.status).toBe(403);
    const bogus = await post(emulator, 'fal.run/falkit/echo?fal_jwt_token=not-a-token', {});
    expect(bogus.status).toBe(401);
  });

  it('expires tokens', async () => {
    let now = 1_000_000;
    const emulator = instant({ now: () => now });
    const token = await (
      await post(emulator, 'rest.fal.ai/tokens/', { allowed_apps: ['echo'], token_expiration: 10 })
    ).json();
    expect((await post(emulator, `fal.run/falkit/echo?fal_jwt_token=${token}`, {})).status).toBe(200);
    now += 11_000;
    expect((await post(emulator, `fal.run/falkit/echo?fal_jwt_token=${token}`, {})).status).toBe(401);
  });

  it('validates the token request body', async () => {
    const emulator = instant();
    expect((await post(emulator, 'rest.fal.ai/tokens/', {})).status).toBe(422);
    expect(
      (await post(emulator, 'rest.fal.ai/tokens/', { allowed_apps: ['a'], token_expiration: -5 })).status,
    ).toBe(422);
  });

  it('requires the key on run, queue and storage when one is configured', async () => {
    const emulator = instant({ key: 'id:secret' });
    expect((await post(emulator, 'fal.run/falkit/echo', {})).status).toBe(401);
    expect((await post(emulator, 'fal.run/falkit/echo', {}, { authorization: 'Key wrong' })).status).toBe(
      401,
    );
    expect((await post(emulator, 'queue.fal.run/falkit/echo', {})).status).toBe(401);
    expect(
      (
        await post(emulator, 'rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3', {
          content_type: 'text/plain',
          file_name: 'a.txt',
        })
      ).status,
    ).toBe(401);
    expect((await post(emulator, 'fal.run/falkit/echo', {}, { authorization: 'Key id:secret' })).status).toBe(
      200,
    );
    expect(
      (await post(emulator, 'fal.run/falkit/echo', {}, { authorization: 'Bearer id:secret' })).status,
    ).toBe(200);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with a 422 json_invalid detail', async () => {
    const emulator = instant();
    const response = await post(emulator, 'fal.run/falkit/echo', '{"prompt": ');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: { loc: unknown[]; type: string }[] };
    expect(body.detail[0]).toMatchObject({ loc: ['body', 0], type: 'json_invalid' });
    expect((await post(emulator, 'queue.fal.run/falkit/echo', 'nope')).status).toBe(422);
  });

  it('answers oversized bodies with 413 and stays up', async () => {
    const emulator = instant({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ data: 'x'.repeat(2048) });
    expect((await post(emulator, 'fal.run/falkit/echo', big)).status).toBe(413);
    // Without content-length (a streamed body) the limit still holds.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await emulator.fetch(
      new Request(url('fal.run/falkit/echo'), {
        method: 'POST',
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect((await post(emulator, 'fal.run/falkit/echo', { small: true })).status).toBe(200);
  });

  it('rejects a bad priority, a bad lifecycle header and a bad webhook URL with 400 bad_request', async () => {
    const emulator = instant();
    for (const [path, headers] of [
      ['queue.fal.run/falkit/echo', { 'x-fal-queue-priority': 'urgent' }],
      ['queue.fal.run/falkit/echo', { 'x-fal-object-lifecycle-preference': '{nope' }],
      ['queue.fal.run/falkit/echo?fal_webhook=not%20a%20url', {}],
    ] as const) {
      const response = await post(emulator, path, {}, headers);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error_type: string }).error_type).toBe('bad_request');
    }
  });

  it('answers unknown routes and wrong methods without crashing', async () => {
    const emulator = instant();
    expect((await get(emulator, `${ORIGIN}/favicon.ico`)).status).toBe(404);
    expect((await get(emulator, 'example.com/whatever')).status).toBe(404);
    expect((await get(emulator, 'queue.fal.run/falkit/echo')).status).toBe(405);
    expect((await get(emulator, 'queue.fal.run/falkit/echo/requests/x/bogus')).status).toBe(405);
    const malformed = await get(emulator, 'queue.fal.run/falkit/echo/requests/%ZZ/status');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-fal-error-type')).toBe('bad_request');
    expect((await get(emulator, `${ORIGIN}/%E0%A4%A`)).status).toBe(400);
  });
});

describe('CORS', () => {
  it('answers preflights allowing authorization and every x-fal-* header', async () => {
    const emulator = instant();
    const response = await emulator.fetch(
      new Request(url('queue.fal.run/fal-ai/fast-sdxl'), {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:6006',
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'authorization, content-type, x-fal-queue-priority, x-fal-custom-thing',
        },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    const allowed = response.headers.get('access-control-allow-headers')!;
    for (const header of ['authorization', 'x-fal-queue-priority', 'x-fal-custom-thing'])
      expect(allowed).toContain(header);
    expect(emulator.jobs()).toEqual([]);
  });

  it('exposes x-fal-request-id on every response, errors included', async () => {
    const emulator = instant();
    for (const response of [
      await post(emulator, 'fal.run/falkit/echo', {}, { origin: 'http://a.test' }),
      await post(emulator, 'fal.run/nobody/nothing', {}, { origin: 'http://a.test' }),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('http://a.test');
      expect(response.headers.get('access-control-expose-headers')).toContain('x-fal-request-id');
    }
  });
});
