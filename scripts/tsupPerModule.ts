/**
 * Shared tsup settings for the browser packages (@falkit/core, @falkit/react): one output file per
 * source module, so an app's bundler sees the real module graph and drops, splits and lazy-loads per
 * module (`sideEffects: false`). A bundled dist with shared chunks hides that graph: an app's code
 * splitting can then only cut along tsup's chunks, and an app that calls `run()` gets whatever shared
 * a chunk with it. Relative imports stay imports of the sibling `.js` file; packages stay external.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const SOURCE = /\.tsx?$/;

/** Keeps every relative import external, pointing at the sibling module's `.js` output. */
export const keepModules: EsbuildPlugin = {
  name: 'keep-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = resolve(args.resolveDir, args.path);
      for (const ext of ['.ts', '.tsx']) {
        if (existsSync(target + ext)) return { path: `${args.path}.js`, external: true };
        if (existsSync(`${target}/index${ext}`)) return { path: `${args.path}/index.js`, external: true };
      }
      return undefined; // non-code files (CSS) are not imported by modules here
    });
  },
};

/**
 * Marks the modules React Server Components must treat as client code: those calling a hook or
 * creating a context get `'use client'` as their first statement, once; pure helpers, types and
 * barrels do not (a barrel re-exporting client modules stays importable from server code).
 */
export const useClientWhereNeeded: EsbuildPlugin = {
  name: 'use-client-where-needed',
  setup(build) {
    build.onLoad({ filter: SOURCE }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const body = source.replace(/^\s*['"]use client['"];?\s*/, '');
      const needsClient = /\b(use[A-Z]\w*|createContext)\s*[(<]/.test(
        body.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''),
      );
      return {
        contents: needsClient ? `'use client';\n${body}` : body,
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
        resolveDir: dirname(args.path),
      };
    });
  },
};

/** Every module under `src/` as its own entry (tests live outside `src/`). */
export const perModuleEntries = ['src/**/*.ts', 'src/**/*.tsx', '!src/**/*.d.ts'];
