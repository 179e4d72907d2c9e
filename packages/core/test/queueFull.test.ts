import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '@falkit/core';
import { requestLines, setup } from './helpers/emulatorClient';
import { TIMERS_ONLY, gatedApp } from './helpers/gatedApp';

// The emulator refuses a submit with 429 `queue_full` once `?fal_max_queue_length=N` requests wait.
// No job was created, so submit's rule (retry only what fal never took) retries it with backoff.
const { emulator, client } = setup({ emulator: { workers: 1 } });
const gated = gatedApp(emulator);
const capped = { query: { fal_max_queue_length: '1' } };

afterEach(() => {
  vi.useRealTimers();
  emulator.reset();
  gated.reset();
});
afterAll(() => emulator.close());

/** One job running and one waiting, so a capped submit is refused. */
async function fillQueue() {
  await client.queue.submit(gated.id, { input: { n: 0 } });
  await new Promise((resolve) => setTimeout(resolve, 0)); // n: 0 starts
  await client.queue.submit(gated.id, { input: { n: 1 }, ...capped });
  emulator.clearRequests();
}

const submitStatuses = () =>
  emulator
    .requests()
    .filter((entry) => entry.method === 'POST')
    .map((entry) => entry.status);

describe('a full queue (fal_max_queue_length)', () => {
  test('submit retries the 429 with backoff and gets in once the queue drains', async () => {
    await fillQueue();
    vi.useFakeTimers(TIMERS_ONLY);
    const pending = client.queue.submit(gated.id, { input: { n: 2 }, ...capped });
    await vi.advanceTimersByTimeAsync(0);
    expect(submitStatuses()).toEqual([429]);
    gated.release(); // n: 0 finishes, n: 1 starts: nothing waits any more
    await vi.advanceTimersByTimeAsync(1250); // the first backoff is 1 s ± 25 %
    await expect(pending).resolves.toMatchObject({ status: 'IN_QUEUE' });
    expect(submitStatuses()).toEqual([429, 200]);
    expect(emulator.jobs()).toHaveLength(3);
  });

  test('submit gives up after its 3 retries with an ApiError 429 queue_full, creating no job', async () => {
    await fillQueue();
    vi.useFakeTimers(TIMERS_ONLY);
    const pending = client.queue.submit(gated.id, { input: { n: 2 }, ...capped }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await pending;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, body: { error_type: 'queue_full' } });
    expect(submitStatuses()).toEqual([429, 429, 429, 429]);
    expect(requestLines(emulator)).toEqual(Array(4).fill(`POST queue.fal.run/${gated.id}`));
    expect(emulator.jobs()).toHaveLength(2);
  });
});
