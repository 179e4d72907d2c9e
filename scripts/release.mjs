// `pnpm release:dry-run` / `pnpm release`: the release checklist as one command.
//   1. pending changesets (`changeset status`) — run `pnpm version-packages` first to apply them;
//   2. every package packed and linted (scripts/check-packages.mjs: publint + attw on the tarballs);
//   3. `pnpm publish -r` — with --dry-run it only lists what would be published.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pnpm } from './lib/pnpm.mjs';
import { ROOT, publishablePackages } from './lib/workspacePackages.mjs';

const dryRun = process.argv.includes('--dry-run');

function step(title, run) {
  console.log(`\n== ${title}`);
  run();
}

step('pending changesets', () => {
  // Exit code 1 means "changes without a changeset" on a branch; the listing is what matters here.
  spawnSync(process.execPath, [join(ROOT, 'node_modules/@changesets/cli/bin.js'), 'status', '--verbose'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
});

step('pack and lint every package (publint, attw)', () => {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/check-packages.mjs')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
});

step(dryRun ? 'publish (dry run: nothing leaves this machine)' : 'publish', () => {
  for (const pkg of publishablePackages()) {
    console.log(`${pkg.name}@${pkg.manifest.version}`);
  }
  pnpm(
    [
      'publish',
      '-r',
      '--filter',
      './packages/*',
      '--access',
      'public',
      '--no-git-checks',
      ...(dryRun ? ['--dry-run'] : []),
    ],
    { cwd: ROOT },
  );
});
