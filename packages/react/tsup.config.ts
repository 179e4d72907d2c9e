import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { keepModules, perModuleEntries, useClientWhereNeeded } from '../../scripts/tsupPerModule';

export default defineConfig({
  // One file per module (see scripts/tsupPerModule.ts); entry points are dist/index.js and
  // dist/entries/query.js. `'use client'` heads exactly the modules that call hooks or create a context.
  entry: perModuleEntries,
  esbuildPlugins: [keepModules, useClientWhereNeeded],
  dts: { entry: { index: 'src/index.ts', 'entries/query': 'src/entries/query.ts' } },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'es2022',
  external: ['react', 'react-dom', '@tanstack/react-query', '@falkit/core', 'react-dropzone'],
  // The optional stylesheet ships as-is: `@falkit/react/styles.css`.
  onSuccess: () => copyFile('src/styles.css', 'dist/styles.css'),
});
