/**
 * The README screenshot of `@falkit/react-devtools`: the `Devtools/Panel` story's component and
 * entries (stories/src/devtools), rendered in Debian's chromium with the running request selected,
 * saved to packages/react-devtools/docs/devtools.png. Run: `node bench/src/devtoolsRun.mjs --screenshot`.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../test/e2e/chromium';

const repo = resolve(process.env.DEVTOOLS_BENCH_DIR ?? '.', '..');

const page = `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { StaticDevtools } from './src/devtools/StaticDevtools';
import { mixedEntries } from './src/devtools/fixtures';
createRoot(document.getElementById('root')).render(h(StaticDevtools, { entries: mixedEntries, initialIsOpen: true }));
`;

export async function takeDevtoolsScreenshot(): Promise<string> {
  const bundle = await build({
    stdin: {
      contents: page,
      resolveDir: resolve(repo, 'stories'),
      loader: 'tsx',
      sourcefile: 'screenshot.tsx',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfigRaw: { compilerOptions: { jsx: 'react-jsx' } },
    logLevel: 'silent',
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const tab = await browser.newPage({ viewport: { width: 1200, height: 640 }, deviceScaleFactor: 1 });
    await tab.setContent(
      '<!doctype html><html><body style="margin:0;font:14px system-ui;padding:16px"><div id="root"></div></body></html>',
    );
    await tab.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const row = tab.locator('.fkd-row-main', { hasText: 'fal-ai/fast-sdxl' });
    await row.click();
    await tab.locator('.fkd-detail').waitFor();
    const file = resolve(repo, 'packages/react-devtools/docs/devtools.png');
    await tab.screenshot({ path: file });
    return file;
  } finally {
    await browser.close();
  }
}
