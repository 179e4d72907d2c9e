// Tests import workspace packages from source, so no build is needed between edits.
// Subpath exports live in `src/entries/<name>.ts` (e.g. `@falkit/emulator/msw`).
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkgs = ['core', 'react', 'react-devtools', 'emulator', 'proxy'];

export const workspaceAlias = pkgs.flatMap((name) => [
  { find: new RegExp(`^@falkit/${name}$`), replacement: `${root}packages/${name}/src/index.ts` },
  { find: new RegExp(`^@falkit/${name}/(.+)$`), replacement: `${root}packages/${name}/src/entries/$1.ts` },
]);
