// Packaging check, run after `pnpm build`: every `exports` entry of every package imports in plain
// Node from its built `dist/` (catches ESM resolution bugs that source-aliased tests cannot see), and
// the runtime-neutral core entry pulls in no `node:` module and no realtime codec.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const failures = [];

for (const dir of readdirSync(join(root, 'packages'))) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (subpath === './package.json' || typeof target === 'string') continue;
    const specifier = pkg.name + subpath.slice(1);
    if (target.import === undefined) {
      // A type-only entry (e.g. `./endpoints`): nothing to import at runtime; its declarations must ship.
      if (!target.types || !existsSync(join(root, 'packages', dir, target.types)))
        failures.push(`${specifier}: type-only entry without its ${target.types ?? 'types'} file`);
      else if (!(pkg.files ?? []).some((entry) => target.types.replace(/^\.\//, '').startsWith(entry)))
        failures.push(`${specifier}: ${target.types} is not in "files" (it would not be published)`);
      else console.log(`ok  ${specifier} (types only)`);
      continue;
    }
    try {
      const file = join(root, 'packages', dir, target.import);
      const mod = await import(pathToFileURL(file).href);
      if (Object.keys(mod).length === 0) failures.push(`${specifier}: exports nothing`);
      if (!existsSync(join(root, 'packages', dir, target.types)))
        failures.push(`${specifier}: no ${target.types}`);
      console.log(`ok  ${specifier}`);
    } catch (error) {
      failures.push(`${specifier}: ${error.message}`);
    }
  }
}

// The main core entry must stay runtime-neutral and small: follow its static import graph (lazy
// `import()` chunks, such as the realtime client, are split off by bundlers and load on use).
const seen = new Set();
const visit = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:from|^import)\s*['"]([^'"]+)['"]/gm)) {
    if (spec.startsWith('node:') || spec.includes('msgpack')) {
      failures.push(`@falkit/core main entry statically imports ${spec} (via ${file})`);
    }
    if (spec.startsWith('.')) visit(join(dirname(file), spec));
  }
};
visit(join(root, 'packages', 'core', 'dist', 'index.js'));

if (failures.length) {
  console.error(`\npackaging check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `packaging check: every export imports from dist; core main entry is runtime-neutral (${seen.size} files)`,
);
