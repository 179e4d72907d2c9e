import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator, type ListeningEmulator } from '@falkit/emulator';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from './chromium';
import { type RunningDemo, startDemo } from './demoProcess';
import { wavBytes } from './wav';

/**
 * `FAL_KEY=… pnpm demo`: the page talks to same-origin /api/fal/proxy, the playground's Vite server forwards that to
 * scripts/demo-proxy.mjs (@falkit/proxy's Node adapter, built dist), which adds the key. Real fal is out
 * of reach here, so FALKIT_DEMO_PROXY_EMULATOR_URL points that proxy at an emulator that demands the key:
 * every call below succeeds only if the proxy, not the browser, supplied it.
 */
const SERVER_KEY = 'demo-server-key-never-in-the-browser';
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

let emulator: Emulator;
let emulatorServer: ListeningEmulator;
let demo: RunningDemo;
let browser: Browser;
let page: Page;
const browserRequests: { url: string; headers: Record<string, string> }[] = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  emulator = createEmulator({ key: SERVER_KEY, speed: 0.2 });
  emulatorServer = await emulator.listen({ port: 0 });
  demo = await startDemo({
    FAL_KEY: SERVER_KEY,
    FALKIT_DEMO_PROXY_EMULATOR_URL: emulatorServer.url,
    // The playground page is what this test drives; Storybook's background compile would only add load.
    FALKIT_STORYBOOK_PORT: 'none',
  });
  browser = await chromium.launch(chromiumLaunchOptions);
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('request', (request) => {
    browserRequests.push({ url: request.url(), headers: request.headers() });
  });
});

afterAll(async () => {
  await browser?.close();
  if (demo) await demo.interrupt();
  await emulatorServer?.close();
  await emulator?.close();
});

describe('pnpm demo with FAL_KEY', () => {
  it('says the page uses the proxy', async () => {
    expect(demo.backend).toContain('through @falkit/proxy');
    await page.goto(demo.playgroundUrl);
    await page.getByRole('heading', { name: 'falkit playground' }).waitFor({ timeout: 90_000 });
    const badge = page.getByTestId('backend');
    expect(await badge.getAttribute('data-backend')).toBe('proxy');
    expect(await badge.textContent()).toContain('through @falkit/proxy at /api/fal/proxy');
    // On real fal the "jobs ahead of mine" control would spend credits on dummy jobs, so it is not offered.
    expect(await page.getByRole('spinbutton', { name: 'Other jobs to queue first' }).count()).toBe(0);
  });

  it('generates an image through the proxy', async () => {
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('img', { name: /lighthouse/ }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () =>
        (document.querySelector('img.falkit-image-result-image') as HTMLImageElement | null)?.naturalWidth,
      undefined,
      { timeout: 30_000 },
    );
    const submits = emulator
      .requests()
      .filter((entry) => entry.method === 'POST' && entry.path === '/fal-ai/fast-sdxl');
    expect(submits.map((entry) => entry.status)).toEqual([200]);
  });

  it('streams text through the proxy', async () => {
    await page.getByRole('button', { name: 'Stream' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-falkit-element="stream-text"]')?.getAttribute('data-state') ===
        'success',
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getByRole('region', { name: 'Answer' }).textContent()).toMatch(/lighthouse/);
  });

  it('uploads a file (initiated through the proxy), then transcribes it', async () => {
    await page.locator('input[type="file"]').setInputFiles({
      name: 'speech.wav',
      mimeType: 'audio/wav',
      buffer: wavBytes(2),
    });
    await page.getByTestId('transcript').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('transcript').textContent()).toMatch(/WAV audio, 2\.00 seconds/);
    await page.screenshot({ path: `${artifacts}05-playground-proxy-mode.png`, fullPage: true });
  });

  it('kept the key on the server: the browser called only the proxy, never with credentials', () => {
    const proxied = browserRequests.filter((request) => new URL(request.url).pathname === '/api/fal/proxy');
    const targets = proxied.map((request) => new URL(request.headers['x-fal-target-url'] ?? '').host);
    expect(new Set(targets)).toEqual(new Set(['queue.fal.run', 'fal.run', 'rest.fal.ai']));
    for (const request of browserRequests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(SERVER_KEY);
    }
    // Every API call the emulator saw came from the proxy (with the key) and was accepted.
    const calls = emulator.requests().filter((entry) => entry.host !== '' && entry.method !== 'PUT');
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.filter((entry) => entry.status === 401)).toEqual([]);
  });

  it('stops the proxy and the playground on Ctrl-C', async () => {
    await browser.close();
    const proxyUrl = /\((http:\/\/\S+), key read/.exec(demo.backend)?.[1];
    expect(proxyUrl).toBeDefined();
    const code = await demo.interrupt();
    // `pnpm demo` (how CI runs it) exits 0; through npx, npm itself may die of the SIGINT first.
    if (demo.command === 'pnpm demo') expect(code).toBe(0);
    expect(demo.output()).not.toContain('ELIFECYCLE');
    expect(demo.output()).toContain('falkit demo stopped.');
    await expect(fetch(demo.playgroundUrl)).rejects.toThrow();
    await expect(fetch(`${proxyUrl}/api/fal/proxy`)).rejects.toThrow();
  });
});
