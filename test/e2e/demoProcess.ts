import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

export interface RunningDemo {
  playgroundUrl: string;
  storybookUrl: string;
  /** The command line that was run (`pnpm demo` or `npx -y pnpm@10.34.9 demo`). */
  command: string;
  /** When the demo command was spawned (ms since epoch): time-to-interactive counts from here. */
  startedAt: number;
  /** Resolves once the demo prints "Storybook ready" (Storybook compiles in the background). */
  storybookReady: () => Promise<void>;
  /** The banner's `backend:` line. */
  backend: string;
  output: () => string;
  /** Sends Ctrl-C (SIGINT) the way a terminal does and waits for the script to exit. */
  interrupt: () => Promise<number | null>;
}

/**
 * The README's demo command, `pnpm demo` (the pnpm running this test when there is one, else the
 * pinned one through npx), on free ports; resolves once it prints its URL. `env` adds to the demo's
 * environment (e.g. `FAL_KEY` for the proxy mode).
 */
export async function startDemo(env: Record<string, string> = {}): Promise<RunningDemo> {
  const storybookPort = await freePort();
  const playgroundPort = await freePort();
  const pnpmScript = process.env.npm_execpath ?? '';
  const [command, args] = /pnpm\.c?js$/.test(pnpmScript)
    ? [process.execPath, [pnpmScript, 'demo']]
    : ['npx', ['-y', 'pnpm@10.34.9', 'demo']];
  const startedAt = Date.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: repoRoot,
    // Its own process group, like a terminal's foreground job.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      FAL_KEY: '',
      FAL_KEY_ID: '',
      FALKIT_EMULATOR_PORT: '0',
      FALKIT_PROXY_PORT: '0',
      FALKIT_STORYBOOK_PORT: String(storybookPort),
      FALKIT_PLAYGROUND_PORT: String(playgroundPort),
      // As on CI runners that force colour: the demo must find its URLs through Vite's colour codes.
      FORCE_COLOR: '1',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  const deadline = Date.now() + 170_000;
  while (!/Ctrl-C stops everything/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      throw new Error(`pnpm demo did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const match = (pattern: RegExp) => {
    const found = pattern.exec(output)?.[1];
    if (!found) throw new Error(`demo output lacks ${pattern}:\n${output}`);
    return found;
  };
  return {
    command: command === 'npx' ? 'npx -y pnpm@10.34.9 demo' : 'pnpm demo',
    playgroundUrl: match(/falkit playground: (\S+)/),
    storybookUrl: match(/all stories:\s+(\S+)/),
    startedAt,
    storybookReady: async () => {
      const limit = Date.now() + 300_000;
      while (!/Storybook ready: /.test(output)) {
        if (child.exitCode !== null || Date.now() > limit)
          throw new Error(`Storybook never got ready:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    backend: match(/backend:\s+(.+)/),
    output: () => output,
    interrupt: async () => {
      // Only while it runs (a process that died of a signal has a null exitCode but a signalCode).
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGINT');
      return exited;
    },
  };
}
