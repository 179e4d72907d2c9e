import { FalInputError } from '@falkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

let env: RunningEmulator;

beforeAll(async () => {
  env = await startEmulator({ key: 'test-key' });
});
afterAll(() => env.close());

/** A client whose fetch records each request's URL and Authorization header. */
function recordingClient() {
  const seen: Array<{ url: string; auth: string | null }> = [];
  const spy: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, auth: request.headers.get('authorization') });
    return fetch(request);
  };
  const statusStreams = () => seen.filter((call) => call.url.includes('/status/stream'));
  const tokenRequests = () => seen.filter((call) => call.url.includes('rest.fal.ai/tokens'));
  return { client: env.client({ fetch: spy }), statusStreams, tokenRequests };
}

describe('status stream connectionMode (docs/protocol.md §4.3)', () => {
  it("subscribe with connectionMode 'client' opens the status stream with fal_jwt_token, no Authorization", async () => {
    const { client, statusStreams, tokenRequests } = recordingClient();
    const result = await client.subscribe('falkit/echo', {
      input: { value: 42 },
      mode: 'streaming',
      connectionMode: 'client',
    });
    expect(result.data).toEqual({ value: 42 });
    expect(tokenRequests()).toHaveLength(1);
    const [stream] = statusStreams();
    expect(stream?.url).toContain('fal_jwt_token=');
    expect(stream?.auth).toBeNull();
  });

  it("the default ('server') sends Authorization and fetches no token", async () => {
    const { client, statusStreams, tokenRequests } = recordingClient();
    await client.subscribe('falkit/echo', { input: { value: 1 }, mode: 'streaming' });
    expect(tokenRequests()).toHaveLength(0);
    const [stream] = statusStreams();
    expect(stream?.url).not.toContain('fal_jwt_token');
    expect(stream?.auth).toBe('Key test-key');
  });

  it("queue.streamStatus with connectionMode 'client' streams to COMPLETED with a token", async () => {
    const { client, statusStreams, tokenRequests } = recordingClient();
    const { request_id: requestId } = await client.queue.submit('falkit/echo', { input: { value: 3 } });
    const stream = await client.queue.streamStatus('falkit/echo', { requestId, connectionMode: 'client' });
    await expect(stream.done()).resolves.toMatchObject({ status: 'COMPLETED' });
    expect(tokenRequests()).toHaveLength(1);
    expect(statusStreams()[0]?.url).toContain('fal_jwt_token=');
    expect(statusStreams()[0]?.auth).toBeNull();
  });

  it('an unknown connectionMode is a FalInputError before any request', async () => {
    const { client, statusStreams } = recordingClient();
    await expect(
      client.subscribe('falkit/echo', { input: {}, connectionMode: 'browser' as 'client' }),
    ).rejects.toThrow(FalInputError);
    await expect(
      client.queue.streamStatus('falkit/echo', { requestId: 'x', connectionMode: 'browser' as 'client' }),
    ).rejects.toThrow(FalInputError);
    expect(statusStreams()).toHaveLength(0);
  });
});
