/**
 * What a page really downloads. Each page in bench/pages makes one call (`run`, `subscribe`, `stream`,
 * `storage.upload`, or a React screen following one job) with falkit's client, with its standalone
 * functions (`@falkit/core/functions`, the four call pages) or with @fal-ai/client 1.10.1.
 * Each is built with esbuild (code splitting, minified, browser ESM, from the BUILT packages), served
 * gzip -9 from a loopback server that hands every other path to the emulator, and loaded in Debian's
 * chromium. Counted from the page's resource timing: JS files and their gzip bytes fetched until the
 * call settles, lazy chunks fetched between the call and its first fal request, and the time from the
 * call to that request. Cross-checked: the JS files and bytes the page saw are exactly those the
 * server sent for that visit, and all are outputs of the page's build.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Emulator } from '@falkit/emulator';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../test/e2e/chromium';
import { percentile, round } from './support';
import { sendBuiltFile } from './servedFile';

export const PAGES = ['run', 'subscribe', 'stream', 'upload', 'react'] as const;
export type PageName = (typeof PAGES)[number];
/** `functions`: falkit's `@falkit/core/functions` pages (bench/pages/falkit-functions.*), no React page. */
export type Library = 'falkit' | 'functions' | 'official' | 'react';

export interface PageRow {
  client: string;
  page: PageName | 'baseline';
  /** Its key in bench/size-budget.json's `pages`: the page name for the client, `functions-<page>`. */
  budgetKey: string;
  /** JS files fetched from page load until the call settled. */
  jsFiles: number;
  /** Their gzip bytes (response bodies), kB. */
  jsGzipKb: number;
  /** The same including response headers (resource timing `transferSize`), kB. */
  jsTransferKb: number;
  /** JS files fetched after the call started and before its first fal request (median of the runs). */
  lazyBeforeFirstRequest: number;
  /** Call → first fal request, ms (median). */
  callToFirstRequestMs: number;
  /** Call → settled, ms (median). */
  callMs: number;
  /** Every output file of the page's build (what could load), gzip kB. */
  builtGzipKb: number;
  builtFiles: number;
}

const benchDir = fileURLToPath(new URL('../..', import.meta.url));
const pagesDir = join(benchDir, 'pages');

interface BuiltPage {
  dir: string;
  files: Map<string, Buffer>; // name → gzip -9 body
}

async function buildPage(library: Library, page: PageName | 'baseline', outRoot: string): Promise<BuiltPage> {
  const source =
    library === 'react'
      ? 'react.baseline.tsx'
      : library === 'functions'
        ? `falkit-functions.${page}.ts`
        : `${library}.${page}.${page === 'react' ? 'tsx' : 'ts'}`;
  const dir = join(outRoot, `${library}-${page}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: { page: join(pagesDir, source) },
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    write: false,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Not the repo's tsconfig: its `paths` map @falkit/* to SOURCE; pages use the built packages.
    tsconfigRaw: {},
    logLevel: 'silent',
  });
  const files = new Map<string, Buffer>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(resolve(dir).length + 1);
    writeFileSync(join(dir, name), file.contents);
    files.set(name, gzipSync(file.contents, { level: 9 }));
  }
  const html =
    '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="./page.js"></script>';
  files.set('index.html', gzipSync(html, { level: 9 }));
  return { dir, files };
}

interface Served {
  path: string;
  bytes: number;
}

/** Serves the built pages (gzip -9, precomputed) and hands every other request to the emulator. */
async function startPageServer(emulator: Emulator, pages: Map<string, BuiltPage>) {
  const served: Served[] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/p\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (match) {
      const body = pages.get(match[1]!)?.files.get(match[2]!);
      if (!body) {
        response.writeHead(404).end();
        return;
      }
      served.push({ path: url.pathname, bytes: body.length });
      sendBuiltFile(response, match[2]!, body);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string' && name !== 'host') headers.set(name, value);
    const answer = await emulator.fetch(
      new Request(`${origin}${request.url}`, {
        method: request.method,
        headers,
        body: chunks.length && request.method !== 'GET' ? Buffer.concat(chunks) : undefined,
      }),
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (answer.body) {
      const reader = answer.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) response.write(read.value);
    }
    response.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    served,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

interface Visit {
  js: Array<{ name: string; start: number; body: number; transfer: number }>;
  lazyBeforeFirstRequest: number;
  callToFirstRequestMs: number;
  callMs: number;
}

const CLIENT: Record<Library, string> = {
  falkit: 'falkit',
  functions: '@falkit/core/functions',
  official: '@fal-ai/client 1.10.1',
  react: 'react + react-dom only',
};

/**
 * Builds and loads every page `runs` times (a fresh browser context each time: nothing cached).
 * `libraries` defaults to both clients and the React baseline.
 */
export async function measureBundles(
  emulator: Emulator,
  options: { runs?: number; libraries?: Library[]; outRoot: string },
): Promise<PageRow[]> {
  const libraries = options.libraries ?? ['falkit', 'functions', 'official', 'react'];
  const runs = options.runs ?? 5;
  const targets: Array<[Library, PageName | 'baseline']> = [];
  for (const library of libraries) {
    if (library === 'react') targets.push([library, 'baseline']);
    else
      for (const page of PAGES)
        if (library !== 'functions' || page !== 'react') targets.push([library, page]);
  }
  const pages = new Map<string, BuiltPage>();
  for (const [library, page] of targets)
    pages.set(`${library}-${page}`, await buildPage(library, page, options.outRoot));

  const server = await startPageServer(emulator, pages);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const rows: PageRow[] = [];
  try {
    for (const [library, page] of targets) {
      const key = `${library}-${page}`;
      const visits: Visit[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        const errors: string[] = [];
        tab.on('pageerror', (error) => errors.push(String(error)));
        server.served.length = 0;
        await tab.goto(`${server.origin}/p/${key}/index.html`);
        await tab.waitForFunction(() => window.ready === true, undefined, { timeout: 30_000 });
        const timing = await tab.evaluate(() => window.go!());
        if (!timing.ok || errors.length)
          throw new Error(`${key}: the call failed: ${timing.detail} ${errors.join('; ')}`);
        const entries = await tab.evaluate(() =>
          performance.getEntriesByType('resource').map((entry) => {
            const resource = entry as PerformanceResourceTiming;
            return {
              name: new URL(resource.name).pathname,
              start: resource.startTime,
              body: resource.encodedBodySize,
              transfer: resource.transferSize,
            };
          }),
        );
        await context.close();
        const own = (name: string) => name.startsWith(`/p/${key}/`);
        const js = entries.filter(
          (entry) => own(entry.name) && entry.name.endsWith('.js') && entry.start <= timing.callEnd,
        );
        // The page's entry script is not a resource entry when it is the document's module script in
        // some engines; chromium lists it. The cross-check below fails if any file is missing.
        const fal = entries.filter((entry) => !own(entry.name)).sort((a, b) => a.start - b.start);
        const first = fal.find((entry) => entry.start >= timing.callStart);
        if (!first && page !== 'baseline') throw new Error(`${key}: no fal request after the call`);
        const firstStart = first?.start ?? timing.callEnd;
        crossCheck(key, js, server.served, pages.get(key)!);
        visits.push({
          js,
          lazyBeforeFirstRequest: js.filter(
            (entry) => entry.start >= timing.callStart && entry.start < firstStart,
          ).length,
          callToFirstRequestMs: firstStart - timing.callStart,
          callMs: timing.callEnd - timing.callStart,
        });
      }
      const last = visits[visits.length - 1]!;
      const built = [...pages.get(key)!.files].filter(([name]) => name.endsWith('.js'));
      rows.push({
        client: CLIENT[library],
        page,
        budgetKey: library === 'functions' ? `functions-${page}` : page,
        jsFiles: last.js.length,
        jsGzipKb: round(last.js.reduce((sum, entry) => sum + entry.body, 0) / 1024, 2),
        jsTransferKb: round(last.js.reduce((sum, entry) => sum + entry.transfer, 0) / 1024, 2),
        lazyBeforeFirstRequest: percentile(
          visits.map((visit) => visit.lazyBeforeFirstRequest),
          50,
        ),
        callToFirstRequestMs: round(
          percentile(
            visits.map((visit) => visit.callToFirstRequestMs),
            50,
          ),
        ),
        callMs: round(
          percentile(
            visits.map((visit) => visit.callMs),
            50,
          ),
        ),
        builtGzipKb: round(built.reduce((sum, [, body]) => sum + body.length, 0) / 1024, 2),
        builtFiles: built.length,
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

/**
 * The files counted are exactly what the page loaded: every JS file the server sent during the visit
 * is in the page's resource timing with the same body size, and the other way round; every one is an
 * output of the page's build. (Files after the call settled would show up here too: there are none.)
 */
function crossCheck(key: string, js: Visit['js'], served: Served[], page: BuiltPage): void {
  const sent = served.filter((file) => file.path.endsWith('.js'));
  const seen = new Map(js.map((entry) => [entry.name, entry.body]));
  const problems: string[] = [];
  if (sent.length !== js.length)
    problems.push(`server sent ${sent.length} JS files, the page counted ${js.length}`);
  for (const file of sent) {
    if (seen.get(file.path) !== file.bytes)
      problems.push(`${file.path}: sent ${file.bytes} B, page saw ${seen.get(file.path)}`);
    if (!page.files.has(file.path.split('/').slice(3).join('/')))
      problems.push(`${file.path}: not a build output`);
  }
  if (problems.length) throw new Error(`${key}: cross-check failed: ${problems.join('; ')}`);
}

export interface PageBudget {
  maxGzipKb: number;
  maxFiles: number;
  maxLazyBeforeFirstRequest: number;
}

/** Loaded-JS budgets the CI size check enforces for falkit's pages, by `PageRow.budgetKey`. */
export function readBudgets(): Record<string, PageBudget> {
  return JSON.parse(readFileSync(join(benchDir, 'size-budget.json'), 'utf8')).pages;
}
