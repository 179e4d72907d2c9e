import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'entries/nextjs': 'src/entries/nextjs.ts',
    'entries/express': 'src/entries/express.ts',
    'entries/node': 'src/entries/node.ts',
    'entries/hono': 'src/entries/hono.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
