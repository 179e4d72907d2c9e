#!/usr/bin/env node
// Stable bin entry: the package manager links it before `dist/` exists.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('cli.js')) throw error;
  // Only a source checkout lacks dist/ (published tarballs always carry it).
  console.error(
    'falkit-emulator: dist/ is not built yet. In the falkit repository, `pnpm emulator -- <flags>` builds it when stale, or run `pnpm build` once.',
  );
  process.exit(1);
}
await cli.run(process.argv.slice(2));
