// `node test/consumer-types/run.mjs`: the README's first examples compile in an app outside the
// workspace, under `strict` (+ noUncheckedIndexedAccess), with types resolved from the packed tarballs
// (`pnpm pack:all`), not from workspace sources. The app opts into fal's generated endpoint types
// (`@falkit/core/endpoints` + `@fal-ai/client`, types only) as the READMEs say; the examples use no
// generics and no `as` casts (checked here). Two more programs prove the check can fail: without the
// opt-in, outputs are `unknown`; with it, a misspelled input field is an error.
//
// Installs offline the way npm lays out a flat node_modules: each tarball is unpacked into
// node_modules/@falkit/<name>; third-party packages (the tarballs' dependencies and peers, TypeScript,
// @types/react, @fal-ai/client) are linked to the copies the workspace installed, at the versions it pins.
// (A registry install of these tarballs works too, but needs the network for metadata.)
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packAll } from '../../scripts/pack-all.mjs';
import { ROOT } from '../../scripts/lib/workspacePackages.mjs';

/** README sections (by heading) whose ts/tsx blocks are the first examples: no casts, no generics. */
const SECTIONS = {
  'packages/core/README.md': ['## Quick start'],
  'packages/react/README.md': [
    '## Typed from the endpoint id',
    '## Provider',
    '## `useFalSubscribe`: queue jobs',
    '## `useFalRun`: direct calls',
    '## `useFalStream`: streaming endpoints',
  ],
  'packages/emulator/README.md': ['### Types of the stand-ins'],
};

/** Sections that document typing itself (the generic escape hatch included): they must compile too. */
const TYPING_SECTIONS = {
  'packages/core/README.md': ['### Inputs and outputs from the endpoint id'],
};

/** Packages the app itself adds (dev): the compiler, React's types, and fal's endpoint types for the opt-in. */
const APP_PACKAGES = {
  typescript: ROOT,
  '@types/node': ROOT,
  '@fal-ai/client': join(ROOT, 'packages/core'),
  '@types/react': join(ROOT, 'packages/react'),
  '@types/react-dom': join(ROOT, 'packages/react'),
};

/** Links `name` into `app/node_modules` from the workspace copy seen from `fromDir`. */
function linkFromWorkspace(app, name, fromDir) {
  const link = join(app, 'node_modules', name);
  if (existsSync(link)) return;
  const candidates = [join(fromDir, 'node_modules', name), join(ROOT, 'node_modules', name)];
  const source = candidates.find((path) => existsSync(path));
  if (!source)
    throw new Error(`${name}: not installed in the workspace (looked in ${candidates.join(', ')})`);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(realpathSync(source), link, 'dir');
}

/** Unpacks a tarball into node_modules/<its name> and links its dependencies and peers. */
function installTarball(app, tarball) {
  const staging = mkdtempSync(join(app, '.unpack-'));
  execFileSync('tar', ['xzf', tarball, '-C', staging]);
  const manifest = JSON.parse(readFileSync(join(staging, 'package/package.json'), 'utf8'));
  const target = join(app, 'node_modules', manifest.name);
  mkdirSync(dirname(target), { recursive: true });
  renameSync(join(staging, 'package'), target);
  rmSync(staging, { recursive: true, force: true });
  return manifest;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
  },
};

/** The ts/tsx fenced blocks of the section `heading` (e.g. `## Provider`) in a README, up to the next heading of its level or above. */
export function readmeBlocks(readme, heading) {
  const text = readFileSync(join(ROOT, readme), 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${readme}: no section "${heading}"`);
  const level = heading.indexOf(' ');
  const next = new RegExp(`\\n#{2,${level}} `, 'g');
  next.lastIndex = start + heading.length + 1;
  const end = next.exec(text)?.index;
  const body = text.slice(start, end);
  const blocks = [...body.matchAll(/```(tsx?)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
  if (blocks.length === 0) throw new Error(`${readme} "${heading}": no ts/tsx block`);
  return blocks;
}

/** An example that needs a cast or a generic to compile does not count: reject both. */
function assertNoCastsOrGenerics(name, code) {
  const lines = code
    .split('\n')
    .filter((line) => !/^\s*(import|export)\b/.test(line))
    .map((line) => line.replace(/\/\/.*$/, ''));
  const cast = lines.find((line) => /[\w)\]]\s+as\s+(?!const\b)[\w{[(]/.test(line));
  if (cast) throw new Error(`${name}: an \`as\` cast: ${cast.trim()}`);
  const generic = lines.find((line) => /\b(run|subscribe|stream|useFal\w+|fal\w+Options)\s*</.test(line));
  if (generic) throw new Error(`${name}: an explicit generic: ${generic.trim()}`);
}

function writeProgram(dir, files, extra) {
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  mkdirSync(join(dir, 'src'));
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, 'src', name), code);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ ...TSCONFIG, include: ['src'], ...extra }, null, 2),
  );
}

function tsc(dir) {
  try {
    execFileSync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

export function checkConsumerTypes({ keep = false, packs } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'falkit-consumer-types-'));
  try {
    const tarballs = packs
      ? readdirSync(packs).map((file) => join(packs, file))
      : packAll(join(dir, 'packs'));
    const tarball = (name) => {
      const file = tarballs.find((path) => path.includes(`falkit-${name}-`));
      if (!file) throw new Error(`no tarball for @falkit/${name} among ${tarballs.join(', ')}`);
      return file;
    };
    const app = join(dir, 'app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'falkit-consumer-types', private: true, type: 'module' }),
    );
    const manifests = ['core', 'react', 'emulator'].map((name) => installTarball(app, tarball(name)));
    for (const manifest of manifests) {
      const workspaceDir = join(ROOT, 'packages', manifest.name.split('/')[1]);
      for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
        if (!dep.startsWith('@falkit/')) linkFromWorkspace(app, dep, workspaceDir);
      }
    }
    for (const [name, fromDir] of Object.entries(APP_PACKAGES)) linkFromWorkspace(app, name, fromDir);

    const examples = {};
    const collect = (map, strict) => {
      for (const [readme, sections] of Object.entries(map)) {
        for (const section of sections) {
          readmeBlocks(readme, section).forEach(({ lang, code }, index) => {
            const slug = section.replace(/\W+/g, '-').replace(/^-|-$/g, '');
            const name = `${readme.split('/')[1]}-${slug}-${index}.${lang}`;
            if (strict) assertNoCastsOrGenerics(name, code);
            // Each block is a module of its own (top-level await, no clashes between blocks).
            examples[name] = `${code}\nexport {};\n`;
          });
        }
      }
    };
    collect(SECTIONS, true);
    collect(TYPING_SECTIONS, false);

    const failures = [];
    writeProgram(app, examples);
    const readmes = tsc(app);
    if (!readmes.ok) failures.push(`README examples do not compile:\n${readmes.output}`);

    // Without the opt-in, a known id's output is unknown (not any): reading a field is an error.
    writeProgram(app, {
      'no-opt-in.ts': `import { fal } from '@falkit/core';
const { data } = await fal.run('fal-ai/flux/dev', { input: { prompt: 'x' } });
// @ts-expect-error data is unknown without @falkit/core/endpoints
data.images;
export {};
`,
    });
    const noOptIn = tsc(app);
    if (!noOptIn.ok) failures.push(`without the opt-in, outputs should be unknown:\n${noOptIn.output}`);

    // With it, a misspelled field of a known endpoint is an error.
    writeProgram(app, {
      'misspelled.ts': `import type {} from '@falkit/core/endpoints';
import { fal } from '@falkit/core';
// @ts-expect-error 'promt' is not an input of fal-ai/flux/dev
await fal.run('fal-ai/flux/dev', { input: { promt: 'x' } });
export {};
`,
    });
    const misspelled = tsc(app);
    if (!misspelled.ok) failures.push(`a misspelled field should be an error:\n${misspelled.output}`);

    return { dir, examples: Object.keys(examples), failures };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `--packs DIR` reuses tarballs from `pnpm pack:all DIR`; `--keep` leaves the app for a look.
  const packsIndex = process.argv.indexOf('--packs');
  const { examples, failures, dir } = checkConsumerTypes({
    keep: process.argv.includes('--keep'),
    packs: packsIndex > 0 ? process.argv[packsIndex + 1] : undefined,
  });
  if (failures.length > 0) {
    for (const failure of failures) console.error(failure);
    console.error(`consumer-types: FAILED (${dir})`);
    process.exit(1);
  }
  console.log(`consumer-types: ${examples.length} README examples compile from the packed tarballs:`);
  for (const name of examples) console.log(`  ${name}`);
}
