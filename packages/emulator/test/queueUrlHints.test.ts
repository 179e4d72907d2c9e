import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, type ListeningEmulator, createEmulator } from '@falkit/emulator';
import { get, instant, post, put } from './helpers.js';

// Queue status/result/cancel URLs use `[{ns}/]{owner}/{alias}` only (docs/protocol.md §1); a caller
// who pastes the full endpoint id there gets fal's status code plus the URL to use instead.
describe('wrong-shape queue URLs', () => {
  async function submitted(emulator: Emulator) {
    const response = await post(emulator, 'queue.fal.run/fal-ai/flux/dev', { prompt: 'a cat' });
    expect(response.status).toBe(200);
    return (await response.json()) as { request_id: string; status_url: string; response_url: string };
  }

  it('status with the full endpoint id: 405 naming the owner/alias status URL', async () => {
    const emulator = instant();
    const { request_id: id } = await submitted(emulator);
    const response = await get(emulator, `queue.fal.run/fal-ai/flux/dev/requests/${id}/status?logs=1`);
    expect(response.status).toBe(405);
    const { detail } = (await response.json()) as { detail: string };
    expect(detail).toContain(`/fal-ai/flux/requests/${id}/status`);
    expect(detail).toContain('owner/alias');
    expect(
      detail.endsWith(
        `use the endpoint's owner/alias only, without its path: GET /fal-ai/flux/requests/${id}/status`,
      ),
    ).toBe(true);
    // The suggested URL works.
    const right = await get(emulator, `queue.fal.run/fal-ai/flux/requests/${id}/status`);
    expect([200, 202]).toContain(right.status);
  });

  it('result, status stream and cancel with the full endpoint id name their own right URL', async () => {
    const emulator = instant();
    const { request_id: id } = await submitted(emulator);
    const result = await get(emulator, `queue.fal.run/fal-ai/flux/dev/requests/${id}`);
    expect(result.status).toBe(405);
    expect(((await result.json()) as { detail: string }).detail).toContain(`GET /fal-ai/flux/requests/${id}`);
    const stream = await get(emulator, `queue.fal.run/fal-ai/flux/dev/requests/${id}/status/stream`);
    expect(stream.status).toBe(405);
    expect(((await stream.json()) as { detail: string }).detail).toContain(
      `/fal-ai/flux/requests/${id}/status/stream`,
    );
    const cancel = await put(emulator, `queue.fal.run/fal-ai/flux/dev/requests/${id}/cancel`);
    expect(cancel.status).toBe(405);
    expect(((await cancel.json()) as { detail: string }).detail).toContain(
      `PUT /fal-ai/flux/requests/${id}/cancel`,
    );
  });

  it('keeps namespaces in the suggested URL', async () => {
    const emulator = instant();
    const response = await get(emulator, 'queue.fal.run/workflows/me/wf/extra/requests/abc/status');
    expect(response.status).toBe(405);
    expect(((await response.json()) as { detail: string }).detail).toContain(
      '/workflows/me/wf/requests/abc/status',
    );
  });

  it('a plain wrong method on a right URL still says Method Not Allowed', async () => {
    const emulator = instant();
    const response = await get(emulator, 'queue.fal.run/fal-ai/flux/dev');
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ detail: 'Method Not Allowed' });
  });
});

describe('499 over HTTP', () => {
  let emulator: Emulator;
  let server: ListeningEmulator;
  beforeAll(async () => {
    emulator = createEmulator({ speed: 1, workers: 1 });
    server = await emulator.listen();
  });
  afterAll(() => emulator.close());

  it('a cancelled job answers 499 with the reason phrase "Client Closed Request"', async () => {
    const submit = await fetch(`${server.url}/queue.fal.run/falkit/echo`, {
      method: 'POST',
      body: JSON.stringify({ delay_ms: 60_000 }),
    });
    const { response_url, cancel_url } = (await submit.json()) as {
      response_url: string;
      cancel_url: string;
    };
    const cancelled = await fetch(cancel_url, { method: 'PUT' });
    expect(cancelled.status).toBe(202);
    // Cancelling finishes the job at once (the stored result is the 499).
    const result = await fetch(response_url);
    expect(result.status).toBe(499);
    expect(result.statusText).toBe('Client Closed Request');
  });
});
