/** Bundle size (esbuild, minified, browser ESM) of the BUILT packages: `run`-only and everything. */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { round } from './support';

export interface BundleRow {
  client: string;
  entry: string;
  minKb: number;
  gzipKb: number;
}

const here = fileURLToPath(new URL('../..', import.meta.url));

async function size(contents: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Not the repo's tsconfig: its `paths` map @falkit/* to SOURCE; measure the built packages.
    tsconfigRaw: {},
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
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
      const { min, gzip } = await size(contents);
      rows.push({ client, entry, minKb: round(min / 1024), gzipKb: round(gzip / 1024) });
    }
  }
  return rows;
}
