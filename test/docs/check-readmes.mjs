// `pnpm test:docs`: every fenced block of every README is checked, so the docs cannot drift from
// the code. A failure names the README, the block's line and what is wrong.
//
// What each block's info string means (the first word is the language, the rest are markers):
//   ts, tsx, js, jsx  a complete module: type-checked (strict) against the packages' built types, as
//                     an app would import them (package `exports` of the built packages, no path
//                     aliases), one file per block. Run `pnpm build` first (CI does).
//   ... fragment      a snippet that is not a whole module (it uses names from an earlier block):
//                     parsed for syntax only. Say so explicitly; nothing is skipped silently.
//   sh, bash, shell   every command is checked: pnpm scripts exist, files and folders exist, and
//                     nothing installs the unpublished packages from npm or calls a bin that is not
//                     on PATH. A block marked `after-release` documents the published packages
//                     (`npm install @falkit/react`) and is exempt from that rule only.
//   ... synopsis      a usage line (`tool [--flag value]`), not a command to check.
//   ... run           also executed from the README's folder (bash -e), and must exit 0.
//   ... drift         (exceptions.mjs only) known to be wrong, owned elsewhere: syntax only, listed
//                     in every run's output until fixed.
//   json              parsed (`jsonc` or `json fragment`: not parsed).
//   (none), text, diff, console, txt  prose or output, not code; css (theming examples) is not checked.
// Any other language is an error, so a new kind of block cannot slip past the check.
//
// A block that cannot carry a marker today (its README belongs to another area, or it is a CLI
// synopsis) is listed in test/docs/exceptions.mjs with the reason; an entry that no longer matches
// exactly one block fails the check, so the list cannot outlive the text it excuses.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exceptions } from './exceptions.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const ts = require('typescript');

const CODE = new Set(['ts', 'tsx', 'js', 'jsx', 'typescript']);
const SHELL = new Set(['sh', 'bash', 'shell']);
const PROSE = new Set(['', 'text', 'txt', 'diff', 'console', 'plain', 'css']);
const failures = [];
const counts = { typechecked: 0, syntax: 0, shell: 0, ran: 0, json: 0, prose: 0 };

function readmes(dir = root) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (
      ['node_modules', 'dist', '.git', '.packs', '.next', 'storybook-static', 'artifacts'].includes(
        entry.name,
      )
    )
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...readmes(path));
    else if (entry.name === 'README.md') found.push(path);
  }
  return found.sort();
}

/** Fenced blocks with their 1-based opening line, language and markers. */
function blocks(markdown) {
  const lines = markdown.split('\n');
  const found = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(`{3,})(.*)$/.exec(lines[index]);
    if (!open) continue;
    const [lang = '', ...markers] = open[2].trim().split(/\s+/).filter(Boolean);
    const body = [];
    let end = index + 1;
    while (end < lines.length && !lines[end].startsWith(open[1])) body.push(lines[end++]);
    found.push({
      line: index + 1,
      lang: lang.toLowerCase(),
      markers: new Set(markers),
      code: body.join('\n'),
    });
    index = end;
  }
  return found;
}

const fail = (readme, block, message) =>
  failures.push(
    `${relative(root, readme)}:${block.line} (\`\`\`${block.lang}${[...block.markers].map((m) => ` ${m}`).join('')}): ${message}`,
  );

// ---- shell blocks --------------------------------------------------------------------------
const rootScripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
const workspacePackages = new Map();
for (const group of ['packages', 'examples']) {
  for (const dir of readdirSync(join(root, group))) {
    const file = join(root, group, dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    workspacePackages.set(manifest.name, { dir: join(root, group, dir), manifest });
  }
}
for (const dir of ['stories', 'test', 'bench']) {
  const file = join(root, dir, 'package.json');
  if (existsSync(file)) {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    workspacePackages.set(manifest.name, { dir: join(root, dir), manifest });
  }
}
const PNPM_COMMANDS = new Set([
  'install',
  'i',
  'add',
  'exec',
  'dlx',
  'pack',
  'publish',
  'list',
  'ls',
  'why',
  'store',
  'approve-builds',
  'outdated',
  'update',
  'remove',
  'create',
]);

/** The shell commands of a block: continuation lines joined, comments dropped, split on && ; |. */
function commands(code) {
  return code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/\s*(?:&&|\|\||;|\|)\s*/))
    .map((command) => command.replace(/^(\w+=\S*\s+)+/, '').trim())
    .filter(Boolean);
}

function checkPnpm(args, cwd, problem) {
  const rest = [...args];
  let pkg;
  while (rest[0]?.startsWith('-')) {
    const flag = rest.shift();
    if (flag === '--filter' || flag === '-F' || flag === '-C' || flag === '--dir') {
      const value = rest.shift();
      if (flag === '--filter' || flag === '-F') {
        pkg = workspacePackages.get(value);
        if (!pkg) problem(`pnpm --filter ${value}: no such workspace package`);
      } else cwd = join(cwd, value);
    }
  }
  const [first, second] = rest;
  if (!first) return;
  const script = first === 'run' ? second : first;
  if (first !== 'run' && PNPM_COMMANDS.has(first)) {
    if (
      first === 'exec' &&
      second &&
      !existsSync(join(pkg?.dir ?? cwd, 'node_modules', '.bin', second)) &&
      !existsSync(join(root, 'node_modules', '.bin', second))
    )
      problem(`pnpm exec ${second}: no such bin in node_modules/.bin`);
    return;
  }
  const scripts = pkg ? (pkg.manifest.scripts ?? {}) : { ...rootScripts, ...readScripts(cwd) };
  if (!(script in scripts)) problem(`pnpm ${script}: no such script${pkg ? ` in ${pkg.manifest.name}` : ''}`);
}

function readScripts(dir) {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).scripts ?? {}) : {};
}

function checkShell(readme, block) {
  counts.shell++;
  if (block.markers.has('synopsis')) return;
  const problem = (message) => fail(readme, block, message);
  let cwd = dirname(readme);
  for (const command of commands(block.code)) {
    const words = command.split(/\s+/);
    const [head, ...args] = words;
    if (head === 'cd') {
      // Relative to the README's folder, or to the repository root (where the root README leaves you).
      const target = [join(cwd, args[0] ?? ''), join(root, args[0] ?? '')].find((dir) => existsSync(dir));
      if (target) cwd = target;
      else problem(`cd ${args[0]}: no such folder`);
    } else if (head === 'npx' && args.includes('-y') && /^pnpm@/.test(args[args.indexOf('-y') + 1] ?? '')) {
      checkPnpm(args.slice(args.indexOf('-y') + 2), cwd, problem);
    } else if (head === 'pnpm') {
      checkPnpm(args, cwd, problem);
    } else if (head === 'npm' && ['install', 'i', 'add'].includes(args[0])) {
      for (const spec of args.slice(1).filter((arg) => !arg.startsWith('-'))) {
        if (/^@falkit\//.test(spec) && !block.markers.has('after-release'))
          problem(
            `npm install ${spec}: @falkit packages are not on npm yet; install the tarballs from \`pnpm pack:all\` (or mark the block \`after-release\`)`,
          );
      }
    } else if (head === 'node' && args[0] && !args[0].startsWith('-')) {
      if (!existsSync(join(cwd, args[0]))) problem(`node ${args[0]}: no such file`);
    } else if (head === 'bash' && args[0]?.endsWith('.sh')) {
      if (!existsSync(join(cwd, args[0]))) problem(`bash ${args[0]}: no such file`);
    } else if (head === 'falkit-emulator' && !block.markers.has('after-release')) {
      problem(
        'falkit-emulator is not on PATH in the repository: use `pnpm exec falkit-emulator` (or `pnpm emulator`)',
      );
    }
  }
  if (block.markers.has('run')) {
    counts.ran++;
    const result = spawnSync('bash', ['-e', '-c', block.code], {
      cwd: dirname(readme),
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    if (result.status !== 0)
      problem(`ran and exited ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
  }
}

// ---- code blocks ---------------------------------------------------------------------------
/**
 * Type-checks a README's complete blocks (one module each). They are written under test/docs/, so
 * imports resolve through test/'s node_modules: every @falkit package (their built `dist/` types,
 * through their `exports`) and the frameworks the READMEs show (react, next, express, hono, ...).
 */
function checkCode(readme, codeBlocks) {
  const dir = join(root, 'test', 'docs', '.readme-blocks', relative(root, readme).replace(/[/\\]/g, '_'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = new Map();
  for (const block of codeBlocks) {
    const ext = block.lang === 'typescript' ? 'ts' : block.lang;
    const file = join(dir, `line-${block.line}.${ext}`);
    writeFileSync(file, block.code);
    files.set(file, block);
  }
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowJs: true,
    checkJs: true,
    isolatedModules: true,
    moduleDetection: ts.ModuleDetectionKind.Force,
    allowImportingTsExtensions: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
  };
  const program = ts.createProgram([...files.keys()], options);
  const perBlock = new Map();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const block = diagnostic.file && files.get(diagnostic.file.fileName);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!block) {
      failures.push(`${relative(root, readme)}: ${message}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const list = perBlock.get(block) ?? [];
    list.push(`  line ${block.line + 1 + line}: TS${diagnostic.code} ${message}`);
    perBlock.set(block, list);
  }
  for (const [block, messages] of perBlock) {
    fail(
      readme,
      block,
      `does not type-check (a snippet that needs an earlier block is a \`fragment\`):\n${messages.join('\n')}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

function checkSyntax(readme, block) {
  counts.syntax++;
  const kind =
    block.lang === 'ts' || block.lang === 'typescript'
      ? ts.ScriptKind.TS
      : block.lang === 'js'
        ? ts.ScriptKind.JS
        : block.lang === 'jsx'
          ? ts.ScriptKind.JSX
          : ts.ScriptKind.TSX;
  const source = ts.createSourceFile(`block.${block.lang}`, block.code, ts.ScriptTarget.ES2022, true, kind);
  for (const diagnostic of source.parseDiagnostics ?? []) {
    const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    fail(
      readme,
      block,
      `line ${block.line + 1 + line}: syntax: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
    );
  }
}

/** Adds the markers of test/docs/exceptions.mjs; each entry must match exactly one block. */
function applyExceptions(readme, found) {
  const path = relative(root, readme).replace(/\\/g, '/');
  for (const entry of exceptions.filter((exception) => exception.readme === path)) {
    const matches = found.filter((block) => block.code.includes(entry.contains));
    if (matches.length !== 1) {
      failures.push(
        `test/docs/exceptions.mjs: ${path} has ${matches.length} blocks containing ${JSON.stringify(entry.contains)} (must be exactly 1: update or remove the entry)`,
      );
      continue;
    }
    for (const marker of entry.markers) matches[0].markers.add(marker);
    if (entry.markers.includes('drift')) drifts.push(`${path}:${matches[0].line} ${entry.why}`);
  }
}

const drifts = [];
const only = process.argv.slice(2);
for (const readme of readmes()) {
  if (only.length > 0 && !only.some((path) => readme.endsWith(path))) continue;
  const complete = [];
  const found = blocks(readFileSync(readme, 'utf8'));
  applyExceptions(readme, found);
  for (const block of found) {
    if (CODE.has(block.lang)) {
      if (block.markers.has('fragment') || block.markers.has('drift')) checkSyntax(readme, block);
      else complete.push(block);
    } else if (SHELL.has(block.lang)) checkShell(readme, block);
    else if (block.lang === 'json') {
      counts.json++;
      if (!block.markers.has('fragment')) {
        try {
          JSON.parse(block.code);
        } catch (error) {
          fail(readme, block, `invalid JSON: ${error.message}`);
        }
      }
    } else if (block.lang === 'jsonc' || PROSE.has(block.lang)) counts.prose++;
    else
      fail(
        readme,
        block,
        `unknown block language "${block.lang}": use one this check knows (see test/docs/check-readmes.mjs)`,
      );
  }
  if (complete.length > 0) {
    counts.typechecked += complete.length;
    checkCode(readme, complete);
  }
}

const summary = `README blocks: ${counts.typechecked} type-checked, ${counts.syntax} fragments parsed, ${counts.shell} shell blocks checked (${counts.ran} run), ${counts.json} JSON, ${counts.prose} prose/output`;
if (failures.length > 0) {
  console.error(`${failures.join('\n\n')}\n\n${failures.length} README problem(s). ${summary}`);
  process.exit(1);
}
console.log(summary);
if (drifts.length > 0)
  console.log(
    `\n${drifts.length} block(s) known to have drifted, parsed for syntax only until their owners fix them (test/docs/exceptions.mjs):\n- ${drifts.join('\n- ')}`,
  );
