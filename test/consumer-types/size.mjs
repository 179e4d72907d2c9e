// `node test/consumer-types/size.mjs [packs-dir]`: what `@falkit/core/endpoints` costs an app that does
// not opt in, and one that does, measured outside the workspace from the packed tarballs:
// - install: `@fal-ai/client` (the optional type-only peer) is not installed without the opt-in;
//   the size of node_modules and of the core tarball;
// - bundle: a run page bundled with esbuild (minified, browser ESM) with and without the opt-in
//   import must be byte-identical, and a value import of the entry must fail (it has no JavaScript).
// Prints a JSON report; exits 1 when a bundle differs or @fal-ai/client got installed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll } from '../../scripts/pack-all.mjs';
import { pnpm } from '../../scripts/lib/pnpm.mjs';
import { ROOT } from '../../scripts/lib/workspacePackages.mjs';

const esbuild = join(ROOT, 'node_modules/.bin/esbuild');

function duBytes(path) {
  return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
}

function bundle(app, entry) {
  const out = join(app, `${entry}.bundle.js`);
  execFileSync(
    esbuild,
    [join(app, entry), '--bundle', '--minify', '--format=esm', '--platform=browser', `--outfile=${out}`],
    {
      cwd: app,
      stdio: 'pipe',
    },
  );
  const bytes = readFileSync(out);
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const dir = mkdtempSync(join(tmpdir(), 'falkit-size-'));
try {
  const packs = process.argv[2] ?? join(dir, 'packs');
  if (!process.argv[2]) packAll(packs);
  const core = readdirSync(packs).find((file) => file.startsWith('falkit-core-'));
  const coreTarball = join(packs, core);
  const coreFiles = execFileSync('tar', ['tzvf', coreTarball], { encoding: 'utf8' });
  const endpointsEntry = coreFiles.split('\n').find((line) => line.endsWith('src/entries/endpoints.d.ts'));

  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'falkit-size',
      private: true,
      type: 'module',
      dependencies: { '@falkit/core': `file:${coreTarball}` },
    }),
  );
  pnpm(['install', '--offline', '--ignore-workspace', '--config.confirmModulesPurge=false'], {
    cwd: app,
    quiet: true,
  });
  const falClientInstalled = readdirSync(join(app, 'node_modules')).includes('@fal-ai');

  const page = `import { fal } from '@falkit/core';
const { data } = await fal.run('fal-ai/flux/dev', { input: { prompt: 'a lighthouse' } });
document.body.textContent = JSON.stringify(data);
`;
  writeFileSync(join(app, 'page.ts'), page);
  writeFileSync(join(app, 'page-opt-in.ts'), `import type {} from '@falkit/core/endpoints';\n${page}`);
  writeFileSync(join(app, 'page-value-import.ts'), `import '@falkit/core/endpoints';\n${page}`);
  const without = bundle(app, 'page.ts');
  const withOptIn = bundle(app, 'page-opt-in.ts');
  let valueImport = 'bundled';
  try {
    bundle(app, 'page-value-import.ts');
  } catch {
    valueImport = 'fails (no JavaScript behind the entry)';
  }

  const report = {
    coreTarballBytes: statSync(coreTarball).size,
    endpointsEntryInTarball: endpointsEntry?.trim(),
    nodeModulesBytes: duBytes(join(app, 'node_modules')),
    falClientInstalled,
    bundleWithoutOptIn: without,
    bundleWithOptIn: withOptIn,
    identical: without.sha256 === withOptIn.sha256,
    valueImport,
  };
  console.log(JSON.stringify(report, null, 2));
  if (!report.identical || falClientInstalled) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
