/**
 * Bundle size (esbuild, minified, browser ESM with code splitting) of the BUILT packages: `run`-only and
 * everything. "Initial" is what a page loads up front (the entry and its static imports); code behind a
 * dynamic `import()` (falkit loads queue, stream, storage and realtime code on first use) is counted in
 * "with lazy chunks". Each chunk is gzipped on its own, as it would be served.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { round } from './support';

export interface BundleRow {
  client: string;
  entry: string;
  minKb: number;
  gzipKb: number;
  lazyMinKb: number;
  lazyGzipKb: number;
}

const here = fileURLToPath(new URL('../..', import.meta.url));
const OUT = '/bench-out';

interface Sizes {
  min: number;
  gzip: number;
  lazyMin: number;
  lazyGzip: number;
}

async function size(contents: string): Promise<Sizes> {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    splitting: true,
    outdir: OUT,
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
  const files = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  // Metafile paths are relative to the working directory; output files carry absolute paths.
  const outputs = Object.fromEntries(
    Object.entries(result.metafile!.outputs).map(([path, output]) => [
      resolve(path),
      {
        ...output,
        imports: output.imports.map((imported) => ({ ...imported, path: resolve(imported.path) })),
      },
    ]),
  );
  const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!;
  // The entry plus everything it imports statically, transitively: what loads before any call.
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const sizes: Sizes = { min: 0, gzip: 0, lazyMin: 0, lazyGzip: 0 };
  for (const [path, code] of files) {
    if (!path.endsWith('.js')) continue;
    const gzip = gzipSync(code, { level: 9 }).length;
    sizes.lazyMin += code.length;
    sizes.lazyGzip += gzip;
    if (initial.has(path)) {
      sizes.min += code.length;
      sizes.gzip += gzip;
    }
  }
  return sizes;
}

export async function measureBundles(): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const [client, pkg] of [
    ['falkit', '@falkit/core'],
    ['@fal-ai/client', '@fal-ai/client'],
  ] as const) {
    const entries: Array<[string, string]> = [
      [
        '`createFalClient().run` only',
        `import { createFalClient } from '${pkg}';\nexport const run = (id, input) => createFalClient().run(id, { input });`,
      ],
      ['everything (`export *`)', `export * from '${pkg}';`],
    ];
    for (const [entry, contents] of entries) {
      const sizes = await size(contents);
      rows.push({
        client,
        entry,
        minKb: round(sizes.min / 1024),
        gzipKb: round(sizes.gzip / 1024),
        lazyMinKb: round(sizes.lazyMin / 1024),
        lazyGzipKb: round(sizes.lazyGzip / 1024),
      });
    }
  }
  return rows;
}
