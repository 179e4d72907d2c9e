import { FalInputError, encode } from '@falkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

let env: RunningEmulator;
beforeAll(async () => {
  env = await startEmulator();
});
afterAll(() => env.close());

async function text(url: unknown): Promise<string> {
  expect(typeof url).toBe('string');
  return (await fetch(url as string)).text();
}

describe('storage.transformInput', () => {
  it('replaces nested Blobs and Files by uploaded URLs and leaves everything else alone', async () => {
    const when = new Date('2026-01-01T00:00:00Z');
    class Custom {
      value = 1;
    }
    const custom = new Custom();
    const input = {
      prompt: 'a cat',
      count: 0,
      flag: false,
      nothing: null,
      image: new File(['image-bytes'], 'cat.png', { type: 'image/png' }),
      list: [new Blob(['one']), 'plain', { deep: [new Blob(['two'])] }],
      when,
      custom,
      smallDataUrl: encode('tiny', 'text/plain'),
    };
    const output = await env.client().storage.transformInput(input);
    expect(output).not.toBe(input);
    expect(await text(output.image)).toBe('image-bytes');
    expect(output.image as unknown as string).toContain('cat.png');
    expect(await text(output.list[0])).toBe('one');
    expect(output.list[1]).toBe('plain');
    expect(await text((output.list[2] as { deep: unknown[] }).deep[0])).toBe('two');
    expect(output.when).toBe(when);
    expect(output.custom).toBe(custom);
    expect(output.smallDataUrl).toBe(input.smallDataUrl);
    expect(output).toMatchObject({ prompt: 'a cat', count: 0, flag: false, nothing: null });
    // The input itself is not modified.
    expect(input.image).toBeInstanceOf(File);
  });

  it('uploads the same Blob once', async () => {
    const blob = new Blob(['shared']);
    env.emulator.clearRequests();
    const output = await env.client().storage.transformInput({ a: blob, b: [blob] });
    expect(output.a).toBe(output.b[0]);
    const initiations = env.emulator
      .requests()
      .filter((entry) => entry.path.includes('/storage/upload/initiate'));
    expect(initiations).toHaveLength(1);
  });

  it('uploads data URLs above the threshold, decoded with their MIME type', async () => {
    const big = encode('x'.repeat(2000), 'text/csv');
    const output = await env.client().storage.transformInput({ big }, { dataUrlThreshold: 1000 });
    expect(output.big.startsWith('http')).toBe(true);
    const response = await fetch(output.big);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(await response.text()).toBe('x'.repeat(2000));
  });

  it('keeps data URLs under the default 1 MiB threshold inline', async () => {
    const medium = encode(new Uint8Array(500_000), 'application/octet-stream');
    const output = await env.client().storage.transformInput({ medium });
    expect(output.medium).toBe(medium);
  });

  it('runs at most `concurrency` uploads at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      const isPut = init?.method === 'PUT';
      if (isPut) maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        if (isPut) await new Promise((resolve) => setTimeout(resolve, 5));
        return await fetch(input, init);
      } finally {
        if (isPut) inFlight--;
      }
    };
    const files = Array.from({ length: 10 }, (_, index) => new Blob([`file ${index}`]));
    const output = await env
      .client({ fetch: countingFetch })
      .storage.transformInput({ files }, { concurrency: 3 });
    expect(maxInFlight).toBe(3);
    expect(await text(output.files[9])).toBe('file 9');
  });

  it('rejects cycles before uploading anything', async () => {
    const input: Record<string, unknown> = { file: new Blob(['x']) };
    input.self = input;
    const before = env.emulator.requests().length;
    await expect(env.client().storage.transformInput(input)).rejects.toBeInstanceOf(FalInputError);
    expect(env.emulator.requests().length).toBe(before);
  });

  it('returns inputs without files unchanged, without any request', async () => {
    const input = { prompt: 'x', nested: [1, 2, { a: 'b' }] };
    const before = env.emulator.requests().length;
    expect(await env.client().storage.transformInput(input)).toBe(input);
    expect(env.emulator.requests().length).toBe(before);
  });

  it('is applied by run before sending', async () => {
    env.emulator.app('test/echo-input', (ctx) => ctx.input);
    const { data } = await env.client().run('test/echo-input', { input: { file: new Blob(['via run']) } });
    expect(await text((data as { file: string }).file)).toBe('via run');
  });
});
