// `pnpm check:packages`: packs every package (scripts/pack-all.mjs) and lints each tarball, i.e.
// exactly what npm would publish, with publint (files, exports, types, sideEffects, bin, every
// suggestion level) and @arethetypeswrong/cli (types resolve like the JS under node16 ESM and
// bundler resolution). Any finding fails the check.
//
// attw runs with `--profile esm-only`: the packages are ESM only ("type": "module", no `require`
// condition), so CommonJS `require()` and the node10 resolver are unsupported on purpose, not bugs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packAll } from './pack-all.mjs';
import { ROOT } from './lib/workspacePackages.mjs';

/** The `exports` subpaths that point at CSS files, read from the tarball's package.json. */
function cssEntrypoints(tarball) {
  const manifest = JSON.parse(gunzipTarEntry(tarball, 'package/package.json'));
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'string' && target.endsWith('.css'))
    .map(([subpath]) => subpath);
}

function excludeFlag(entrypoints) {
  return entrypoints.length > 0 ? ['--exclude-entrypoints', ...entrypoints] : [];
}

/** One file's text from a .tgz (ustar: 512-byte headers, size in octal at offset 124). */
function gunzipTarEntry(tarball, path) {
  const tar = gunzipSync(tarball);
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = tar
      .subarray(offset, offset + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    const size = Number.parseInt(
      tar
        .subarray(offset + 124, offset + 136)
        .toString('utf8')
        .trim() || '0',
      8,
    );
    if (name === path) return tar.subarray(offset + 512, offset + 512 + size).toString('utf8');
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${path} not in tarball`);
}

const tarballs = packAll(process.argv[2]);
const failures = [];

for (const tarball of tarballs) {
  const name = basename(tarball);
  const buffer = readFileSync(tarball);
  const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: data }, level: 'suggestion', strict: true });
  for (const message of messages) {
    failures.push(
      `${name}: publint ${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`,
    );
  }
  const attw = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
      tarball,
      ...['--profile', 'esm-only', '--format', 'ascii'],
      // Stylesheets have no types to check.
      ...excludeFlag(cssEntrypoints(buffer)),
    ],
    { encoding: 'utf8' },
  );
  if (attw.status !== 0) failures.push(`${name}: attw\n${attw.stdout}${attw.stderr}`);
  console.log(`${messages.length === 0 && attw.status === 0 ? 'ok  ' : 'FAIL'} ${name}`);
}

if (failures.length > 0) {
  console.error(`\npackage check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`package check: ${tarballs.length} tarballs, publint and attw report nothing`);
