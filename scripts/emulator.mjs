// `pnpm emulator [flags]` from the repository: builds @falkit/emulator only when its dist/ is older
// than its sources (the first run, or after an edit), then runs the CLI in this process.
// After one build, `pnpm exec falkit-emulator [flags]` runs the same CLI directly.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { ROOT } from './lib/workspacePackages.mjs';

const dir = join(ROOT, 'packages', 'emulator');
buildIfStale(dir);
const { run } = await import(pathToFileURL(join(dir, 'dist', 'cli.js')).href);
// `pnpm emulator -- --port 0` passes the `--` through; the CLI takes flags only.
const argv = process.argv.slice(2);
await run(argv[0] === '--' ? argv.slice(1) : argv);
