import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'entries/production': 'src/entries/production.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  // The panel is a separate chunk, loaded on first open.
  splitting: true,
  target: 'es2022',
  external: ['react', 'react-dom', '@falkit/core', '@falkit/react'],
  banner: { js: "'use client';" },
});
