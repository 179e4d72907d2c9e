import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from './chromium';
import { type RunningDemo, startDemo } from './demoProcess';
import { wavBytes } from './wav';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

let demo: RunningDemo;
let emulatorUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  demo = await startDemo();
  emulatorUrl = /falkit emulator at (\S+)/.exec(demo.backend)?.[1] ?? '';
  browser = await chromium.launch(chromiumLaunchOptions);
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  if (demo) await demo.interrupt();
});

async function screenshot(name: string) {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

describe('pnpm demo', () => {
  it('prints the playground URL and serves it against the emulator', async () => {
    expect(demo.playgroundUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?path=\/story\/playground--playground$/);
    // The story itself, without Storybook's chrome: what the playground iframe shows.
    await page.goto(`${demo.storybookUrl}/iframe.html?id=playground--playground&viewMode=story`);
    await page.getByRole('heading', { name: 'falkit playground' }).waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('backend').textContent()).resolves.toContain(
      `local falkit emulator at ${emulatorUrl}`,
    );
    await screenshot('01-playground-idle');
  });

  it('generates an image with a live queue position and logs', async () => {
    await page.getByRole('spinbutton', { name: 'Jobs ahead of mine' }).fill('2');
    await page.getByRole('button', { name: 'Generate' }).click();
    const statusSelector = '[data-falkit-element="queue-status-text"]';
    const status = page.locator(statusSelector).first();
    await page
      .locator(statusSelector, { hasText: /Position \d+ in queue/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot('02-image-queued');
    await page.locator(statusSelector, { hasText: 'Running' }).first().waitFor({ timeout: 30_000 });
    await page
      .getByRole('log', { name: 'Generation logs' })
      .getByText(/Step \d+\/25/)
      .first()
      .waitFor();
    await screenshot('03-image-running');
    const image = page.getByRole('img', { name: /lighthouse/ });
    await image.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () =>
        (document.querySelector('img.falkit-image-result-image') as HTMLImageElement | null)?.naturalWidth,
      undefined,
      { timeout: 30_000 },
    );
    expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(512);
    expect(await status.textContent()).toBe('Done');
  });

  it('resumes the running job after a real page reload', async () => {
    await page.getByRole('spinbutton', { name: 'Jobs ahead of mine' }).fill('3');
    await page.getByRole('button', { name: 'Generate' }).click();
    // Once the new job is in line its request id is on screen (the previous job's id was replaced).
    const statusSelector = '[data-falkit-element="queue-status-text"]';
    await page
      .locator(statusSelector, { hasText: /Position \d+ in queue/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const requestId = page.getByTestId('request-id');
    const before = await requestId.textContent();
    expect(before).toMatch(/\S/);
    await page.reload();
    await page.getByRole('heading', { name: 'falkit playground' }).waitFor({ timeout: 60_000 });
    await requestId.waitFor({ timeout: 30_000 });
    expect(await requestId.textContent()).toBe(before);
    await page.locator(statusSelector, { hasText: 'Done' }).waitFor({ timeout: 30_000 });
    await page.getByRole('img', { name: /lighthouse/ }).waitFor({ timeout: 30_000 });
    const jobs = (await (await fetch(`${emulatorUrl}/__emulator/jobs`)).json()) as Array<{
      requestId: string;
      endpointId: string;
      status: string;
    }>;
    // It ran to completion and the reload submitted nothing new: 2 + 1 jobs earlier, 3 + 1 now.
    expect(jobs.find((job) => job.requestId === before)?.status).toBe('COMPLETED');
    expect(jobs.filter((job) => job.endpointId === 'fal-ai/fast-sdxl')).toHaveLength(2 + 1 + 3 + 1);
  });

  it('streams text', async () => {
    await page.getByRole('button', { name: 'Stream' }).click();
    const answer = page.getByRole('region', { name: 'Answer' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-falkit-element="stream-text"]')?.getAttribute('data-state') ===
        'success',
    );
    expect(await answer.textContent()).toMatch(/lighthouse/);
  });

  it('uploads a file with progress, then transcribes it', async () => {
    await page.locator('input[type="file"]').setInputFiles({
      name: 'speech.wav',
      mimeType: 'audio/wav',
      buffer: wavBytes(3),
    });
    const progress = page.getByRole('progressbar', { name: 'Upload of speech.wav' });
    await progress.waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[aria-label="Upload of speech.wav"]')?.getAttribute('aria-valuenow') ===
        '100',
    );
    await page.getByTestId('transcript').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('transcript').textContent()).toMatch(/WAV audio, 3\.00 seconds/);
    await screenshot('04-playground-done');
  });

  it('stops both servers on Ctrl-C', async () => {
    await browser.close();
    const code = await demo.interrupt();
    expect(code).not.toBe(null);
    expect(demo.output()).toContain('falkit demo stopped.');
    await expect(fetch(demo.storybookUrl)).rejects.toThrow();
    await expect(fetch(`${emulatorUrl}/__emulator/jobs`)).rejects.toThrow();
  });
});
