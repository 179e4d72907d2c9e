import { defineConfig } from 'tsup';
import { keepModules, perModuleEntries } from '../../scripts/tsupPerModule';

export default defineConfig({
  // One file per module (see scripts/tsupPerModule.ts); the package's entry points are
  // dist/index.js and dist/entries/*.js.
  entry: perModuleEntries,
  esbuildPlugins: [keepModules],
  // Types: one declaration bundle per public entry.
  dts: {
    entry: {
      index: 'src/index.ts',
      'entries/node': 'src/entries/node.ts',
      'entries/realtime': 'src/entries/realtime.ts',
      'entries/observers': 'src/entries/observers.ts',
      'entries/functions': 'src/entries/functions.ts',
    },
  },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
