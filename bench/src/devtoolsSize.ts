/**
 * What `<FalDevtools />` adds to an app's production bundle. The same tiny app (React, a
 * `<FalProvider>`, one `useFalSubscribe`) is bundled without and with the devtools, from the BUILT
 * packages (run `pnpm build` first), minified with `NODE_ENV=production`, by two bundlers:
 * - esbuild with code splitting: "initial" is what the page loads (the entry and its static
 *   imports); "emitted" adds every chunk written (esbuild writes a chunk for each dynamic `import()`
 *   it finds, even in code it then drops, so the panel chunk is written but never loaded);
 * - Vite 8 (Rolldown), an independent cross-check: every chunk it writes.
 * Each file is gzipped on its own (-9), as it would be served.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface DevtoolsSizeRow {
  app: string;
  /** Minified bytes the page loads (esbuild). */
  esbuildInitialMin: number;
  esbuildInitialGzip: number;
  esbuildEmittedGzip: number;
  viteGzip: number;
}

type Variant = 'none' | 'default' | 'production';

const benchDir = resolve(process.env.DEVTOOLS_BENCH_DIR ?? fileURLToPath(new URL('..', import.meta.url)));
const workDir = resolve(benchDir, 'node_modules/.devtools-size');

const appSource = (variant: Variant) => `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { FalProvider, useFalSubscribe } from '@falkit/react';
${variant === 'none' ? '' : `import { FalDevtools } from '@falkit/react-devtools${variant === 'production' ? '/production' : ''}';`}
function Job() {
  const job = useFalSubscribe('fal-ai/flux/schnell', { prompt: 'a lighthouse' });
  return h('p', null, job.status);
}
createRoot(document.getElementById('root')).render(
  h(FalProvider, { config: { proxyUrl: '/api/fal/proxy' } }, h(Job)${variant === 'none' ? '' : ', h(FalDevtools)'}),
);
`;

const gzip = (code: Uint8Array | string) => gzipSync(code, { level: 9 }).length;

async function esbuildSizes(
  entry: string,
): Promise<{ initialMin: number; initial: number; emitted: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir: resolve(dirname(entry), 'esbuild'),
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Not the repo's tsconfig: its `paths` map @falkit/* to SOURCE; measure the built packages.
    tsconfigRaw: {},
  });
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([path, output]) => [resolve(path), output]),
  );
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(resolve(imported.path));
  };
  // Dynamic-import chunks have an `entryPoint` too: the page's entry is the one named after main.js.
  visit(resolve(dirname(entry), 'esbuild/main.js'));
  const sizes = { initialMin: 0, initial: 0, emitted: 0 };
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    sizes.emitted += gzip(file.contents);
    if (!initial.has(file.path)) continue;
    sizes.initialMin += file.contents.length;
    sizes.initial += gzip(file.contents);
  }
  return sizes;
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
    for (const chunk of bundle.output) if (chunk.type === 'chunk' && chunk.code) total += gzip(chunk.code);
  return total;
}

export async function measureDevtoolsSize(): Promise<DevtoolsSizeRow[]> {
  const variants: Array<[Variant, string]> = [
    ['none', 'app without devtools'],
    ['default', 'app + <FalDevtools /> (default entry)'],
    ['production', 'app + <FalDevtools /> from /production'],
  ];
  const rows: DevtoolsSizeRow[] = [];
  try {
    for (const [variant, app] of variants) {
      const root = resolve(workDir, variant);
      mkdirSync(root, { recursive: true });
      writeFileSync(resolve(root, 'main.js'), appSource(variant));
      const esbuildSizesOf = await esbuildSizes(resolve(root, 'main.js'));
      rows.push({
        app,
        esbuildInitialMin: esbuildSizesOf.initialMin,
        esbuildInitialGzip: esbuildSizesOf.initial,
        esbuildEmittedGzip: esbuildSizesOf.emitted,
        viteGzip: await viteSize(root),
      });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return rows;
}
