import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createFalClient } from '@fal-ai/client';
import { createEmulator, type Emulator, type ListeningEmulator } from '@falkit/emulator';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../test/e2e/chromium';

/**
 * The example as users deploy it: `next start` on the built app, its /api/fal/proxy route in emulator mode
 * (FALKIT_EMULATOR_URL), the emulator on loopback, and the page driven in Debian's Chromium.
 */
const appDir = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = chromiumLaunchOptions.executablePath!;

let emulator: Emulator;
let emulatorServer: ListeningEmulator;
let next: ChildProcess | undefined;
let appUrl: string;
let browser: Browser | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForApp(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('next start did not answer within 60 s');
}

beforeAll(async () => {
  if (!existsSync(`${appDir}/.next/BUILD_ID`)) throw new Error('Run `next build` in examples/nextjs first.');
  // Slow enough for the UI to show queue/stream states, fast enough for a test.
  emulator = createEmulator({ speed: 0.05 });
  emulatorServer = await emulator.listen({ port: 0 });
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  next = spawn(`${appDir}/node_modules/.bin/next`, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appDir,
    env: {
      ...process.env,
      FALKIT_EMULATOR_URL: emulatorServer.url,
      NEXT_TELEMETRY_DISABLED: '1',
      FAL_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  next.stdout?.resume();
  next.stderr?.resume();
  await waitForApp(appUrl, next);
});

afterAll(async () => {
  await browser?.close();
  if (next && next.exitCode === null) {
    const exited = new Promise((resolve) => next?.once('exit', resolve));
    next.kill('SIGTERM');
    await exited;
  }
  await emulatorServer?.close();
  await emulator?.close();
});

describe('examples/nextjs proxy route', () => {
  const client = () => createFalClient({ proxyUrl: { url: `${appUrl}/api/fal/proxy`, when: 'always' } });

  it('runs an allowed endpoint through the route with the official client', async () => {
    const { data } = await client().subscribe('fal-ai/flux/dev', {
      input: { prompt: 'a red cube' },
      pollInterval: 20,
    });
    const images = (data as { images: { url: string }[] }).images;
    expect(images[0]!.url.startsWith(emulatorServer.url)).toBe(true);
  });

  it('streams through the route', async () => {
    const stream = await client().stream('fal-ai/any-llm', { input: { prompt: 'stream me' } });
    const final = (await stream.done()) as { output: string };
    expect(final.output).toContain('You asked: "stream me"');
  });

  it('refuses endpoints outside its allow-list and hostile targets', async () => {
    const outside = await client()
      .run('falkit/echo', { input: {} })
      .catch((error: unknown) => error);
    expect(outside).toMatchObject({ status: 403 });
    const hostile = await fetch(`${appUrl}/api/fal/proxy`, {
      method: 'POST',
      body: '{}',
      headers: {
        'x-fal-target-url': `https://fal.run@127.0.0.1:${new URL(emulatorServer.url).port}/fal-ai/flux/dev`,
      },
    });
    expect(hostile.status).toBe(403);
  });
});

describe('examples/nextjs pages router route', () => {
  it('streams server-sent events through the pages adapter inside Next.js', async () => {
    const pages = createFalClient({ proxyUrl: { url: `${appUrl}/api/fal/pages-proxy`, when: 'always' } });
    const stream = await pages.stream('fal-ai/any-llm', { input: { prompt: 'pages router' } });
    let events = 0;
    stream.on('data', () => {
      events++;
    });
    const final = (await stream.done()) as { output: string };
    expect(final.output).toContain('You asked: "pages router"');
    expect(events).toBeGreaterThan(1);
  });

  it('forwards a binary upload start and refuses what the allow-list does not name', async () => {
    const pages = createFalClient({ proxyUrl: { url: `${appUrl}/api/fal/pages-proxy`, when: 'always' } });
    const url = await pages.storage.upload(new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'image/png' }));
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]));
    const refused = await pages.run('falkit/echo', { input: {} }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 403 });
  });
});

describe.runIf(existsSync(CHROMIUM))('examples/nextjs page in Chromium', () => {
  async function openPage() {
    browser ??= await chromium.launch(chromiumLaunchOptions);
    const page = await browser.newPage();
    await page.goto(appUrl);
    return page;
  }

  it('generates an image with useFalSubscribe', async () => {
    const page = await openPage();
    await page.getByRole('button', { name: 'Generate' }).click();
    const image = page.getByTestId('image-result').locator('img');
    await image.first().waitFor({ state: 'visible' });
    expect(await image.first().getAttribute('src')).toContain(emulatorServer.url);
    await page.close();
  });

  it('streams text with useFalStream', async () => {
    const page = await openPage();
    await page.getByLabel('Prompt', { exact: false }).nth(1).fill('hello from chromium');
    await page.getByRole('button', { name: 'Stream' }).click();
    await page
      .getByTestId('stream-text')
      .getByText('You asked: "hello from chromium"', { exact: false })
      .waitFor();
    await page.close();
  });

  it('uploads a file with the drop zone', async () => {
    const page = await openPage();
    await page.locator('input[type=file]').setInputFiles({
      name: 'note.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('uploaded through the example'),
    });
    const link = page.getByTestId('uploaded-urls').locator('a');
    await link.first().waitFor();
    const url = (await link.first().getAttribute('href'))!;
    expect(await (await fetch(url)).text()).toBe('uploaded through the example');
    await page.close();
  });
});

// Last: it replaces the emulator's `fal-ai/any-llm` with a stream the test controls.
describe('examples/nextjs pages router streaming', () => {
  it('delivers the first event before the upstream stream has finished (no buffering)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    emulator.app('fal-ai/any-llm', async function* controlled() {
      yield { output: 'first', partial: true };
      await gate;
      return { output: 'first second', partial: false };
    });
    const response = await fetch(`${appUrl}/api/fal/pages-proxy`, {
      method: 'POST',
      body: '{"prompt":"x"}',
      headers: {
        'x-fal-target-url': 'https://fal.run/fal-ai/any-llm/stream',
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('"first"')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    // The upstream is still waiting on the gate: this event came through while the stream was open.
    expect(received).toContain('"output":"first"');
    expect(received).not.toContain('first second');
    release();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      received += decoder.decode(next.value, { stream: true });
    }
    expect(received).toContain('"output":"first second"');
  });
});
