// Runs the repository's pnpm: the one that started this script when there is one (npm_execpath),
// otherwise the pinned version through npx (the README's `npx -y pnpm@10.34.9 ...`).
import { spawnSync } from 'node:child_process';

const PINNED = 'pnpm@10.34.9';

/** Runs `pnpm <args>` in `cwd`, inheriting stdio; throws with the command line when it fails. */
export function pnpm(args, { cwd, env, quiet = false } = {}) {
  const execPath = process.env.npm_execpath ?? '';
  const viaNode = /pnpm\.c?js$/.test(execPath);
  const [command, commandArgs] = viaNode
    ? [process.execPath, [execPath, ...args]]
    : ['npx', ['-y', PINNED, ...args]];
  const result = spawnSync(command, commandArgs, {
    cwd,
    env: { ...process.env, ...env },
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`pnpm ${args.join(' ')} failed (exit ${result.status ?? result.signal}) in ${cwd}`);
  }
  return result.stdout ?? '';
}
