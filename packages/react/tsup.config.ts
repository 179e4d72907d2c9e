import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'entries/query': 'src/entries/query.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  external: ['react', 'react-dom', '@tanstack/react-query', '@falkit/core'],
  // Every entry is a client module for React Server Components frameworks.
  banner: { js: "'use client';" },
  // The optional stylesheet ships as-is: `@falkit/react/styles.css`.
  onSuccess: () => copyFile('src/styles.css', 'dist/styles.css'),
});
