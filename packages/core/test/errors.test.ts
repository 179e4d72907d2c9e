import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ApiError,
  FalError,
  FalInputError,
  MissingCredentialsError,
  NetworkError,
  TimeoutError,
  ValidationError,
} from '@falkit/core';
import { EMULATOR_ORIGIN, emulatorFetch, setup } from './helpers/emulatorClient';
import { startEmulator } from './support/startEmulator';
import { createFalClient } from '@falkit/core';

const { emulator, client } = setup();
afterEach(() => emulator.reset());

describe('ValidationError', () => {
  test('422 from the model: fields named in the message, fieldErrors normalised, getFieldErrors by last loc', async () => {
    const detail = [
      { loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' },
      { loc: ['body', 'image', 'size'], msg: 'too large', type: 'value_error' },
    ];
    const error = await client
      .run('falkit/echo', { input: { fail: { status: 422, body: { detail } } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(FalError);
    const validation = error as ValidationError;
    expect(validation.status).toBe(422);
    expect(validation.message).toBe('Validation failed: prompt: field required; image.size: too large');
    expect(validation.fieldErrors).toHaveLength(2);
    expect(validation.getFieldErrors('size')).toEqual([detail[1]]);
    expect(validation.getFieldErrors('prompt')[0]?.msg).toBe('field required');
    expect(validation.getFieldErrors('nope')).toEqual([]);
    expect(validation.requestId).not.toBe('');
  });

  test('a string detail becomes one body-level field error', async () => {
    const error = (await client
      .run('falkit/echo', { input: { fail: { status: 422, body: { detail: 'bad things' } } } })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors).toEqual([{ loc: ['body'], msg: 'bad things', type: 'value_error' }]);
    expect(error.message).toBe('Validation failed: bad things');
  });

  test('the queue replays a model 422 from result()', async () => {
    const error = await client
      .subscribe('falkit/echo', {
        input: {
          fail: { status: 422, body: { detail: [{ loc: ['body', 'seed'], msg: 'bad', type: 't' }] } },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).getFieldErrors('seed')).toHaveLength(1);
  });
});

describe('ApiError', () => {
  test('platform errors carry status, body, requestId and errorType', async () => {
    emulator.faults.add({ host: 'fal.run', type: 'status', status: 500 });
    const error = (await client.run('falkit/echo', { input: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(error.status).toBe(500);
    expect(error.errorType).toBe('internal_error');
    expect(error.body).toMatchObject({ error_type: 'internal_error' });
    expect(error.message).toBe('Internal Server Error');
    expect(error.requestId).toMatch(/.+/);
    expect(error.isUserTimeout).toBe(false);
  });

  test('non-JSON error bodies give "HTTP status: text"', async () => {
    emulator.faults.add({ host: 'fal.run', type: 'ingress', status: 502, times: 10 });
    const error = (await createFalClient({
      credentials: 'k',
      baseUrl: EMULATOR_ORIGIN,
      fetch: emulatorFetch(emulator),
      retry: false,
    })
      .run('falkit/echo')
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^HTTP 502/);
    expect(error.requestId).toBe('');
    expect(String(error.body)).toContain('nginx');
  });

  test('504 with x-fal-request-timeout-type: user is a user timeout', async () => {
    emulator.faults.add({
      host: 'fal.run',
      type: 'status',
      status: 504,
      headers: { 'x-fal-request-timeout-type': 'user' },
    });
    const error = (await client.run('falkit/echo', { startTimeout: 2 }).catch((e: unknown) => e)) as ApiError;
    expect(error.isUserTimeout).toBe(true);
    expect(error.timeoutType).toBe('user');
    // Never retried: exactly one request reached the emulator.
    expect(emulator.requests()).toHaveLength(1);
  });

  test('the server start timeout of a queued job surfaces as a user timeout', async () => {
    vi.useFakeTimers();
    const slow = setup({ emulator: { workers: 1, speed: 1 } });
    try {
      const blocker = await slow.client.queue.submit('falkit/echo', { input: { delay_ms: 60_000 } });
      const pending = slow.client
        .subscribe('falkit/echo', { input: {}, startTimeout: 1.5 })
        .catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1600);
      const error = (await pending) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.isUserTimeout).toBe(true);
      await slow.client.queue.cancel('falkit/echo', { requestId: blocker.request_id });
    } finally {
      vi.useRealTimers();
      await slow.emulator.close();
    }
  });
});

describe('a submit answered 2xx with something other than a queue status', () => {
  // A proxy that relays an upstream 401 as 200, a captive portal or a misrouted baseUrl: the server
  // is at fault, so the caller gets an ApiError holding the body, never a FalInputError about a
  // request id it did not pass, nor a subscribe that polls `requests/undefined`.
  test('a JSON body without request_id is an ApiError with the status and body', async () => {
    const body = { detail: 'Unauthorized' };
    emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'status', status: 200, body });
    const error = (await client.queue
      .submit('falkit/echo', { input: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(FalInputError);
    expect(error.status).toBe(200);
    expect(error.body).toEqual(body);
    expect(error.message).toBe('Submit answered without a request_id (HTTP 200): Unauthorized');
  });

  test('subscribe rejects with the same ApiError and sends nothing after the submit', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      method: 'POST',
      type: 'status',
      status: 200,
      body: { ok: 1 },
    });
    const error = await client.subscribe('falkit/echo', { input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toEqual({ ok: 1 });
    expect(emulator.requests()).toHaveLength(1);
  });

  test('an HTML page or JSON that does not parse is an ApiError holding the text', async () => {
    emulator.faults.add({
      host: 'queue.fal.run',
      type: 'status',
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>Sign in</html>',
    });
    const html = (await client.queue
      .submit('falkit/echo', { input: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect(html).toBeInstanceOf(ApiError);
    expect(html.body).toBe('<html>Sign in</html>');
    expect(html.message).toBe('Submit answered without a request_id (HTTP 200)');

    emulator.faults.add({
      host: 'queue.fal.run',
      type: 'status',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"request_id": ',
    });
    const broken = (await client.queue
      .submit('falkit/echo', { input: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect(broken).toBeInstanceOf(ApiError);
    expect(broken.body).toBe('{"request_id": ');
  });
});

describe('MissingCredentialsError', () => {
  test('a 401 for a request sent without credentials explains how to configure them', async () => {
    const guarded = setup({ emulator: { key: 'secret' }, client: { credentials: undefined } });
    const previous = process.env.FAL_KEY;
    delete process.env.FAL_KEY;
    try {
      const error = await guarded.client.run('falkit/echo').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingCredentialsError);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as MissingCredentialsError).status).toBe(401);
      expect((error as Error).message).toMatch(/FAL_KEY/);
    } finally {
      if (previous !== undefined) process.env.FAL_KEY = previous;
    }
  });

  test('a 401 with a wrong key stays a plain ApiError', async () => {
    const guarded = setup({ emulator: { key: 'secret' }, client: { credentials: 'wrong' } });
    const error = await guarded.client.run('falkit/echo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(MissingCredentialsError);
  });
});

describe('TimeoutError and FalInputError', () => {
  test('are FalErrors with their own names', () => {
    const timeout = new TimeoutError(5000, 'req-1');
    expect(timeout).toBeInstanceOf(FalError);
    expect(timeout.name).toBe('TimeoutError');
    expect(timeout.requestId).toBe('req-1');
    expect(timeout.message).toContain('5000 ms');
    const input = new FalInputError('must be "normal" or "low"', 'priority');
    expect(input.name).toBe('FalInputError');
    expect(input.path).toBe('priority');
    expect(input.message).toBe('priority: must be "normal" or "low"');
  });
});

describe('NetworkError', () => {
  test('a connection dropped after the submit was sent: NetworkError (a TypeError and a FalError), not retried', async () => {
    const env = await startEmulator();
    try {
      env.emulator.faults.add({ host: 'queue.fal.run', method: 'POST', type: 'drop', after: true });
      const error = await env
        .client()
        .queue.submit('falkit/echo', { input: { a: 1 } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toBeInstanceOf(FalError);
      expect(error).not.toBeInstanceOf(ApiError);
      const network = error as NetworkError;
      expect(network.name).toBe('NetworkError');
      expect(network.method).toBe('POST');
      expect(network.url).toBe(`${env.url}/queue.fal.run/falkit/echo`);
      expect(network.message).toMatch(
        /^fetch failed.* \(POST http:\/\/127\.0\.0\.1:\d+\/queue\.fal\.run\/falkit\/echo\)$/,
      );
      expect(network.cause).toBeInstanceOf(TypeError);
      expect(network.cause).not.toBeInstanceOf(NetworkError);
      // The job may exist: one POST, no blind retry.
      expect(env.emulator.requests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
    } finally {
      await env.close();
    }
  });

  test('a refused connection names the error code', async () => {
    const env = await startEmulator();
    const client = env.client({ retry: false });
    await env.close();
    const error = await client.run('falkit/echo', { input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toMatch(/^fetch failed: ECONNREFUSED \(POST /);
  });

  test('leaves the query string (which may hold a token) out of the message and url', () => {
    const cause = new TypeError('fetch failed');
    const error = new NetworkError({
      cause,
      method: 'post',
      url: 'https://fal.run/a/b/stream?fal_jwt_token=s3cret',
    });
    expect(error.url).toBe('https://fal.run/a/b/stream');
    expect(error.message).toBe('fetch failed (POST https://fal.run/a/b/stream)');
    expect(error.cause).toBe(cause);
  });

  test('plain TypeErrors and aborts are not FalErrors', async () => {
    expect(new TypeError('fetch failed')).not.toBeInstanceOf(FalError);
    expect(new TypeError('x')).not.toBeInstanceOf(NetworkError);
    const controller = new AbortController();
    controller.abort();
    const error = await client
      .run('falkit/echo', { input: {}, abortSignal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(FalError);
  });
});
