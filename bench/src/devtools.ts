/**
 * Devtools responsiveness in Debian's chromium (playwright-core, never a downloaded browser): the
 * panel over 500 requests, one with a 100,000-line log (`devtoolsPage.ts`), and the time from each
 * interaction's input to the frame that shows its result. Target (issue 16): under 50 ms.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../test/e2e/chromium';

export interface DevtoolsInteractionRow {
  interaction: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

const page = process.env.DEVTOOLS_BENCH_PAGE ?? fileURLToPath(new URL('./devtoolsPage.ts', import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export async function measureDevtoolsResponsiveness(runs = 20): Promise<DevtoolsInteractionRow[]> {
  // A production React build, as an app's devtools session would not be (a dev build is slower;
  // measured too with DEVTOOLS_BENCH_REACT_DEV=1).
  const mode = process.env.DEVTOOLS_BENCH_REACT_DEV === '1' ? 'development' : 'production';
  const bundle = await build({
    entryPoints: [page],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: mode === 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    tsconfigRaw: { compilerOptions: { jsx: 'react-jsx' } },
    logLevel: 'silent',
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    await tab.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await tab.waitForFunction(() => 'devtoolsBench' in window);
    if (errors.length > 0) throw new Error(errors.join('\n'));
    const names = await tab.evaluate(
      () => (window as unknown as { devtoolsBench: { names: string[] } }).devtoolsBench.names,
    );
    // One warm-up pass (the first open also loads and compiles the panel), then the timed runs.
    const times = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let pass = 0; pass <= runs; pass++) {
      for (const name of names) {
        const ms = await tab
          .evaluate(
            (interaction) =>
              (
                window as unknown as { devtoolsBench: { run(name: string): Promise<number> } }
              ).devtoolsBench.run(interaction),
            name,
          )
          .catch((error: Error) => {
            throw new Error(`${name} (pass ${pass}): ${error.message}`);
          });
        if (pass > 0) times.get(name)!.push(ms);
      }
    }
    return names.map((name) => {
      const sorted = times.get(name)!.sort((a, b) => a - b);
      return {
        interaction: name,
        runs: sorted.length,
        medianMs: round1(percentile(sorted, 50)),
        p95Ms: round1(percentile(sorted, 95)),
        maxMs: round1(sorted.at(-1)!),
      };
    });
  } finally {
    await browser.close();
  }
}
