/**
 * What `<FalDevtools />` adds to an app's production bundle (issue 16: ≤ 0.3 kB gzip). The same tiny
 * app (React, a `<FalProvider>`, one `useFalSubscribe`) is bundled without and with the devtools,
 * from the BUILT packages (run `pnpm build` first), minified with `NODE_ENV=production`:
 * - esbuild with code splitting: "loaded" is what the page loads (the entry and its static imports,
 *   from the metafile); "written" is every chunk written (a dynamic `import()` esbuild sees makes a
 *   chunk, and the modules it shares with the app move to shared chunks, even when the code holding
 *   the `import()` is then tree-shaken away);
 * - Vite 8 (Rolldown), an independent bundler: every chunk it writes;
 * - Chromium, an independent fact: the JS files the esbuild build's page really fetched (resource
 *   timing, bodies served gzip -9) until its job settled.
 * Each file is gzipped on its own (-9), as it would be served.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../test/e2e/chromium';
import { sendBuiltFile } from './servedFile';

/** The app without devtools, with the default entry, with `/production`; and with the default entry built for development. */
export type DevtoolsVariant = 'none' | 'default' | 'production' | 'development';

export const DEVTOOLS_APPS: Record<DevtoolsVariant, string> = {
  none: 'app without devtools',
  default: 'app + `<FalDevtools />` (default entry)',
  production: 'app + `<FalDevtools />` from `/production`',
  development: 'app + `<FalDevtools />` (default entry), `NODE_ENV=development`',
};

export interface DevtoolsSizeRow {
  variant: DevtoolsVariant;
  app: string;
  /** esbuild: JS files the page loads (the entry and its static imports). */
  esbuildLoadedFiles: number;
  esbuildLoadedMin: number;
  esbuildLoadedGzip: number;
  /** esbuild: every JS file written. */
  esbuildWrittenFiles: number;
  esbuildWrittenGzip: number;
  /** Devtools panel code (the drawer, its virtualiser) in a file the page loads. */
  panelLoaded: boolean;
  /** A chunk for the panel's `import()` written at all. */
  panelChunkWritten: boolean;
  /** Vite: every chunk written, gzip (undefined when Vite was not run). */
  viteGzip?: number;
  /** Chromium: JS files and gzip bytes the esbuild page fetched until its job settled. */
  chromiumFiles?: number;
  chromiumGzip?: number;
  /** Development only: Chromium fetched the panel chunk when the button was clicked, not before. */
  panelFetchedOnOpen?: boolean;
}

const benchDir = resolve(process.env.DEVTOOLS_BENCH_DIR ?? fileURLToPath(new URL('../..', import.meta.url)));
const workDir = resolve(benchDir, 'node_modules/.devtools-size');

const appSource = (variant: DevtoolsVariant) => `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { FalProvider, useFalSubscribe } from '@falkit/react';
${variant === 'none' ? '' : `import { FalDevtools } from '@falkit/react-devtools${variant === 'production' ? '/production' : ''}';`}
function Job() {
  const job = useFalSubscribe('fal-ai/flux/schnell', { prompt: 'a lighthouse' });
  return h('p', { id: 'status' }, job.status);
}
createRoot(document.getElementById('root')).render(
  h(FalProvider, { config: { proxyUrl: '/api/fal/proxy' } }, h(Job)${variant === 'none' ? '' : ', h(FalDevtools)'}),
);
`;

const gzip = (code: Uint8Array | string) => gzipSync(code, { level: 9 });

/** An input of the devtools' drawer: the panel's dist chunk or the virtualiser only it uses. */
const isPanelInput = (input: string) =>
  /react-devtools\/dist\/DevtoolsPanel-/.test(input) ||
  /@tanstack\/(react-virtual|virtual-core)\//.test(input);

interface EsbuildApp {
  loaded: string[];
  loadedMin: number;
  loadedGzip: number;
  writtenFiles: number;
  writtenGzip: number;
  panelLoaded: boolean;
  panelChunkWritten: boolean;
  panelChunk?: string;
  /** Output name → gzip -9 body, to serve. */
  files: Map<string, Buffer>;
}

async function esbuildApp(entry: string, nodeEnv: string): Promise<EsbuildApp> {
  const outdir = resolve(dirname(entry), 'esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    // Not the repo's tsconfig: its `paths` map @falkit/* to SOURCE; measure the built packages.
    tsconfigRaw: {},
  });
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([path, output]) => [resolve(path), output]),
  );
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(resolve(imported.path));
  };
  // Dynamic-import chunks have an `entryPoint` too: the page's entry is the one named after main.js.
  visit(resolve(outdir, 'main.js'));
  const app: EsbuildApp = {
    loaded: [],
    loadedMin: 0,
    loadedGzip: 0,
    writtenFiles: 0,
    writtenGzip: 0,
    panelLoaded: false,
    panelChunkWritten: false,
    files: new Map(),
  };
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    const body = gzip(file.contents);
    const output = outputs[file.path]!;
    const panelInputs = Object.entries(output.inputs).filter(
      ([input, { bytesInOutput }]) => bytesInOutput > 0 && isPanelInput(input),
    );
    if (output.entryPoint && isPanelInput(output.entryPoint)) {
      app.panelChunkWritten = true;
      app.panelChunk = basename(file.path);
    }
    app.files.set(basename(file.path), body);
    app.writtenFiles += 1;
    app.writtenGzip += body.length;
    if (!loaded.has(file.path)) continue;
    app.loaded.push(basename(file.path));
    app.loadedMin += file.contents.length;
    app.loadedGzip += body.length;
    if (panelInputs.length) app.panelLoaded = true;
  }
  return app;
}

async function viteSize(root: string): Promise<number> {
  // Vite is the stories package's dependency; the bench borrows it for the cross-check.
  const requireFromStories = createRequire(resolve(benchDir, '../stories/package.json'));
  const vite = (await import(requireFromStories.resolve('vite'))) as {
    build(config: object): Promise<unknown>;
  };
  const output = await vite.build({
    root,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    build: { write: false, minify: true, rollupOptions: { input: resolve(root, 'main.js') } },
  });
  const bundles = (Array.isArray(output) ? output : [output]) as Array<{
    output: Array<{ type: string; fileName: string; code?: string }>;
  }>;
  let total = 0;
  for (const bundle of bundles)
    for (const chunk of bundle.output)
      if (chunk.type === 'chunk' && chunk.code) total += gzip(chunk.code).length;
  return total;
}

/**
 * Loads each built page in Chromium (a fresh context each) from a loopback server that sends the
 * build's files gzip -9 and answers 404 to anything else (the app's one job fails on its proxy, the
 * same way in every variant), and counts the JS the page fetched until the job settled.
 * Cross-check: every file fetched was sent by the server with the same body size, and every file
 * esbuild says the page loads was fetched.
 */
async function loadInChromium(pages: Map<DevtoolsVariant, EsbuildApp>) {
  const sent: Array<{ path: string; bytes: number }> = [];
  const server = createServer((request, response) => {
    const match = /^\/([a-z]+)\/([^/]+)$/.exec(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const body = match && pages.get(match[1] as DevtoolsVariant)?.files.get(match[2]!);
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    sent.push({ path: `/${match[1]}/${match[2]}`, bytes: body.length });
    sendBuiltFile(response, match[2]!, body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch(chromiumLaunchOptions);
  const loaded = new Map<DevtoolsVariant, { files: number; gzip: number; panelFetchedOnOpen?: boolean }>();
  try {
    for (const [variant, page] of pages) {
      page.files.set(
        'index.html',
        gzip(
          '<!doctype html><meta charset="utf-8"><div id="root"></div><script type="module" src="./main.js"></script>',
        ),
      );
      const context = await browser.newContext();
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(String(error)));
      sent.length = 0;
      await tab.goto(`${origin}/${variant}/index.html`);
      await tab.waitForFunction(
        () => ['error', 'success'].includes(document.getElementById('status')?.textContent ?? ''),
        undefined,
        { timeout: 30_000 },
      );
      const fetchedJs = () =>
        tab.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((entry) => entry as PerformanceResourceTiming)
            .filter((entry) => entry.name.endsWith('.js'))
            .map((entry) => ({ path: new URL(entry.name).pathname, bytes: entry.encodedBodySize })),
        );
      const js = await fetchedJs();
      const sentBeforeOpen = [...sent];
      let panelFetchedOnOpen: boolean | undefined;
      if (variant === 'development') {
        // The drawer's chunk comes with the first open, not before.
        const panelPath = `/${variant}/${page.panelChunk}`;
        await tab.locator('button[aria-label="fal devtools"]').click();
        await tab.getByRole('region', { name: 'falkit devtools' }).waitFor({ timeout: 30_000 });
        panelFetchedOnOpen =
          page.panelChunk !== undefined &&
          !js.some((file) => file.path === panelPath) &&
          (await fetchedJs()).some((file) => file.path === panelPath);
      }
      await context.close();
      if (errors.length) throw new Error(`devtools size, ${variant} page: ${errors.join('; ')}`);
      const sentJs = sentBeforeOpen.filter((file) => file.path.endsWith('.js'));
      const seen = new Map(js.map((file) => [file.path, file.bytes]));
      const problems = sentJs
        .filter((file) => seen.get(file.path) !== file.bytes)
        .map((file) => `${file.path}: sent ${file.bytes} B, page saw ${seen.get(file.path)}`);
      if (sentJs.length !== js.length) problems.push(`sent ${sentJs.length} JS files, page saw ${js.length}`);
      for (const name of page.loaded)
        if (!seen.has(`/${variant}/${name}`)) problems.push(`${name}: esbuild says loaded, never fetched`);
      if (problems.length) throw new Error(`devtools size, ${variant} page: ${problems.join('; ')}`);
      loaded.set(variant, {
        files: js.length,
        gzip: js.reduce((sum, file) => sum + file.bytes, 0),
        panelFetchedOnOpen,
      });
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
  return loaded;
}

export interface DevtoolsSizeOptions {
  variants?: DevtoolsVariant[];
  /** Also build with Vite (a few seconds per variant). */
  vite?: boolean;
  /** Also load the esbuild pages in Chromium. */
  chromium?: boolean;
}

export async function measureDevtoolsSize(options: DevtoolsSizeOptions = {}): Promise<DevtoolsSizeRow[]> {
  const variants = options.variants ?? (['none', 'default', 'production', 'development'] as const);
  const rows: DevtoolsSizeRow[] = [];
  const pages = new Map<DevtoolsVariant, EsbuildApp>();
  try {
    for (const variant of variants) {
      const root = resolve(workDir, variant);
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      writeFileSync(resolve(root, 'main.js'), appSource(variant));
      const app = await esbuildApp(
        resolve(root, 'main.js'),
        variant === 'development' ? 'development' : 'production',
      );
      pages.set(variant, app);
      rows.push({
        variant,
        app: DEVTOOLS_APPS[variant],
        esbuildLoadedFiles: app.loaded.length,
        esbuildLoadedMin: app.loadedMin,
        esbuildLoadedGzip: app.loadedGzip,
        esbuildWrittenFiles: app.writtenFiles,
        esbuildWrittenGzip: app.writtenGzip,
        panelLoaded: app.panelLoaded,
        panelChunkWritten: app.panelChunkWritten,
        // Vite builds for production only (its `mode` sets NODE_ENV).
        viteGzip: options.vite === false || variant === 'development' ? undefined : await viteSize(root),
      });
    }
    if (options.chromium !== false) {
      const loaded = await loadInChromium(pages);
      for (const row of rows) {
        row.chromiumFiles = loaded.get(row.variant)?.files;
        row.chromiumGzip = loaded.get(row.variant)?.gzip;
        row.panelFetchedOnOpen = loaded.get(row.variant)?.panelFetchedOnOpen;
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return rows;
}

export interface DevtoolsBudget {
  /** Gzip bytes the default entry may add to what a production page loads. */
  maxLoadedGrowthGzipBytes: number;
}

/** The devtools' production budget the CI size check enforces (bench/size-budget.json). */
export function readDevtoolsBudget(): DevtoolsBudget {
  return JSON.parse(readFileSync(resolve(benchDir, 'size-budget.json'), 'utf8')).devtools;
}

/**
 * Why a production page with the default `<FalDevtools />` is over budget, or nothing: it must load
 * no panel code, make esbuild write no panel chunk (which re-splits the app), and grow what the page
 * loads (esbuild's metafile and, when measured, Vite's chunks and what Chromium fetched) by at most
 * the budget. With a development row: the panel stays a chunk of its own, fetched on the first open.
 */
export function devtoolsBudgetProblems(rows: DevtoolsSizeRow[], budget: DevtoolsBudget): string[] {
  const none = rows.find((row) => row.variant === 'none');
  const withDevtools = rows.find((row) => row.variant === 'default');
  if (!none || !withDevtools) throw new Error('the devtools check needs the none and default variants');
  const problems: string[] = [];
  if (withDevtools.panelLoaded) problems.push('the page loads devtools panel code');
  if (withDevtools.panelChunkWritten) problems.push('esbuild writes a chunk for the panel’s import()');
  const growths: Array<[string, number | undefined, number | undefined]> = [
    ['esbuild loaded', withDevtools.esbuildLoadedGzip, none.esbuildLoadedGzip],
    ['Vite', withDevtools.viteGzip, none.viteGzip],
    ['Chromium fetched', withDevtools.chromiumGzip, none.chromiumGzip],
  ];
  for (const [what, value, base] of growths) {
    if (value === undefined || base === undefined) continue;
    if (value - base > budget.maxLoadedGrowthGzipBytes)
      problems.push(`${what}: +${value - base} B gzip (budget ${budget.maxLoadedGrowthGzipBytes} B)`);
  }
  // Development keeps the drawer lazy: its own chunk, fetched on the first open.
  const development = rows.find((row) => row.variant === 'development');
  if (development) {
    if (!development.panelChunkWritten || development.panelLoaded)
      problems.push('development: the panel is not a separate chunk the page leaves unloaded');
    if (development.panelFetchedOnOpen === false)
      problems.push('development: Chromium did not fetch the panel chunk on the first open');
  }
  return problems;
}
