// Consumer test: the packages as a user gets them. Packs every package (scripts/pack-all.mjs),
// then, in a temp directory outside the workspace, with npm and no links or path aliases:
//   - a Vite + React + TypeScript app and a Next.js App Router app: `tsc --noEmit` (strict), build,
//     serve, and a chromium smoke test against the emulator: a useFalSubscribe("fal-ai/fast-sdxl")
//     job showing its queue position, logs and image, and an upload through <FalDropZone>, with no
//     console error or warning;
//   - a plain Node ESM script using @falkit/core, @falkit/core/functions and @falkit/core/node.
// The emulator itself runs from its installed tarball's `falkit-emulator` bin.
//
// `pnpm test:consumer` (CI runs it). FALKIT_CONSUMER_KEEP=1 keeps the temp directory.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { chromium } from 'playwright-core';
import { packAll } from '../../scripts/pack-all.mjs';
import { chromiumArgs, chromiumExecutablePath } from '../e2e/chromiumFlags.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

const work = realpathSync(mkdtempSync(join(tmpdir(), 'falkit-consumer-')));
if (!relative(root, work).startsWith('..')) throw new Error(`${work} is inside the workspace`);
const started = [];
const t0 = Date.now();
const step = (title) => console.log(`\n== consumer [${((Date.now() - t0) / 1000).toFixed(0)} s] ${title}`);

/** Runs a command to completion; rejects with its output when it fails. */
function run(command, args, { cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output}`));
    });
  });
}

/** Starts a long-running server; resolves with the first match of `ready` in its output. */
function serve(command, args, { cwd, env, ready }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    started.push(child);
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      // Without colour codes: with FORCE_COLOR set, Vite prints its port in bold.
      const match = ready.exec(stripVTControlCharacters(output));
      if (match) resolve(match[1] ?? match[0]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)));
  });
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `npm install` from npm's cache only (`--offline`): the machine that ran the README's install line
 * usually has every package. On a machine whose npm cache lacks one, once more with `--prefer-offline`,
 * which fetches just the missing ones from the npm registry the install line uses. npm 10 reports a
 * missing package as ENOTCACHED; npm 11 may report it as ERESOLVE ("Found: react@undefined" for a peer
 * it could not read), so any failure of the offline attempt gets the second one, and a real conflict
 * fails that too.
 */
async function npmInstall(cwd, tarballs) {
  const install = (mode) =>
    run('npm', ['install', '--no-audit', '--no-fund', mode, '--loglevel=error', ...tarballs], {
      cwd,
      env: { npm_config_update_notifier: 'false' },
    });
  try {
    await install('--offline');
  } catch (error) {
    const reason = /\bE[A-Z]{4,}\b/.exec(String(error))?.[0] ?? 'failed';
    console.log(`${relative(work, cwd)}: npm install --offline: ${reason}; npm install --prefer-offline`);
    await install('--prefer-offline');
  }
}

function fixture(name, sharedInto) {
  const dir = join(work, name);
  cpSync(join(here, name), dir, { recursive: true });
  if (sharedInto) cpSync(join(here, 'shared', 'Smoke.tsx'), join(dir, sharedInto, 'Smoke.tsx'));
  return dir;
}

/** Drives one app in chromium: the queued job with position, logs and image, then an upload. */
async function smoke(browser, appUrl, emulatorUrl, label) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  await page.goto(`${appUrl}/?emulator=${encodeURIComponent(emulatorUrl)}`);
  await page.getByRole('heading', { name: 'falkit consumer smoke' }).waitFor({ timeout: 60_000 });

  // Two long jobs ahead of ours on the one-worker emulator, so ours visibly waits in line.
  for (let n = 0; n < 2; n++) {
    const response = await fetch(`${emulatorUrl}/queue.fal.run/fal-ai/fast-sdxl`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: `blocker ${n}`, num_inference_steps: 100 }),
    });
    if (!response.ok) throw new Error(`blocker submit: HTTP ${response.status}`);
  }
  await page.getByRole('button', { name: 'Generate' }).click();
  await page
    .getByTestId('queue-position')
    .getByText(/ahead of mine: [1-9]/)
    .waitFor({ timeout: 30_000 });
  await page
    .getByText(/Position \d+ in queue/)
    .first()
    .waitFor({ timeout: 30_000 });
  await page
    .getByRole('log')
    .getByText(/Step \d+\/25/)
    .first()
    .waitFor({ timeout: 60_000 });
  const image = page.getByRole('img', { name: 'a lighthouse at dusk' });
  await image.waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => (document.querySelector('section[aria-label="Generate"] img')?.naturalWidth ?? 0) > 0,
    undefined,
    { timeout: 30_000 },
  );

  await page.locator('section[aria-label="Upload"] input[type="file"]').setInputFiles({
    name: 'hello.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`hello from the ${label} app`),
  });
  const uploaded = page.getByTestId('uploaded').locator('li').first();
  await uploaded.waitFor({ timeout: 30_000 });
  const url = await uploaded.textContent();
  const body = await (await fetch(url)).text();
  if (body !== `hello from the ${label} app`)
    throw new Error(`${label}: upload reads back as ${JSON.stringify(body)}`);
  await page.close();
  if (problems.length > 0) throw new Error(`${label}: the page logged:\n- ${problems.join('\n- ')}`);
  console.log(`ok  ${label}: queue position, logs, image, upload (${url})`);
}

let failed = false;
try {
  step('pack every package');
  const tarballs = packAll(join(work, 'packs'));
  const tarball = (name) => {
    const file = tarballs.find((path) => path.includes(`falkit-${name}-`));
    if (!file) throw new Error(`no tarball for @falkit/${name} in ${tarballs.join(', ')}`);
    return file;
  };
  console.log(tarballs.map((path) => relative(work, path)).join('\n'));

  step(`npm install into ${work} (Vite app, Next.js app, Node script)`);
  const viteApp = fixture('vite-app', 'src');
  const nextApp = fixture('next-app', 'app');
  const nodeApp = fixture('node-esm');
  await Promise.all([
    npmInstall(viteApp, [tarball('core'), tarball('react')]),
    npmInstall(nextApp, [tarball('core'), tarball('react')]),
    npmInstall(nodeApp, [tarball('core'), tarball('emulator')]),
  ]);
  for (const dir of [viteApp, nextApp]) {
    const links = readdirSync(join(dir, 'node_modules', '@falkit'), { withFileTypes: true }).filter((entry) =>
      entry.isSymbolicLink(),
    );
    if (links.length > 0) throw new Error(`${dir}: @falkit packages are links, not installed tarballs`);
  }

  step('Vite app: tsc --noEmit (strict), vite build');
  await run('node_modules/.bin/tsc', ['--noEmit'], { cwd: viteApp });
  await run('node_modules/.bin/vite', ['build'], { cwd: viteApp });

  step('Next.js app: next build, tsc --noEmit (strict)');
  await run('node_modules/.bin/next', ['build'], { cwd: nextApp, env: { NEXT_TELEMETRY_DISABLED: '1' } });
  await run('node_modules/.bin/tsc', ['--noEmit'], { cwd: nextApp });

  step('emulator from its tarball (falkit-emulator bin), Node ESM script');
  const emulatorUrl = await serve('node_modules/.bin/falkit-emulator', ['--port', '0', '--workers', '1'], {
    cwd: nodeApp,
    ready: /listening on (http:\/\/\S+)/,
  });
  console.log(await run('node', ['index.mjs', emulatorUrl], { cwd: nodeApp }));

  step('serve both apps on 127.0.0.1; chromium smoke test');
  const [vitePort, nextPort] = [await freePort(), await freePort()];
  const viteUrl = await serve(
    'node_modules/.bin/vite',
    ['preview', '--host', '127.0.0.1', '--port', String(vitePort), '--strictPort'],
    {
      cwd: viteApp,
      ready: new RegExp(`(http://127\\.0\\.0\\.1:${vitePort})`),
    },
  );
  const nextUrl = await serve(
    'node_modules/.bin/next',
    ['start', '-H', '127.0.0.1', '-p', String(nextPort)],
    {
      cwd: nextApp,
      env: { NEXT_TELEMETRY_DISABLED: '1' },
      ready: /(Ready|started server)/,
    },
  ).then(() => `http://127.0.0.1:${nextPort}`);
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath,
    args: chromiumArgs,
  });
  try {
    await smoke(browser, viteUrl, emulatorUrl, 'Vite');
    await smoke(browser, nextUrl, emulatorUrl, 'Next.js');
  } finally {
    await browser.close();
  }
  step('done');
} catch (error) {
  failed = true;
  console.error(`\nconsumer test failed: ${error instanceof Error ? error.message : error}`);
} finally {
  for (const child of started) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
  if (process.env.FALKIT_CONSUMER_KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
