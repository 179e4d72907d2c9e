// The standalone playground page (`pnpm demo`): Vite's dev server over app/index.html, with the
// workspace packages from source and the same dependency pre-bundling as Storybook.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceAlias } from '../../../vitest.shared';
import { prebundled } from '../../.storybook/main';

const reactStylesheet = fileURLToPath(new URL('../../../packages/react/src/styles.css', import.meta.url));

const demoProxyTarget = process.env.FALKIT_DEMO_PROXY_TARGET;

export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  // VITE_* variables come from the demo's environment, not from .env files next to the page.
  envDir: false,
  plugins: [react()],
  resolve: {
    alias: [{ find: /^@falkit\/react\/styles\.css$/, replacement: reactStylesheet }, ...workspaceAlias],
    dedupe: ['react', 'react-dom'],
  },
  optimizeDeps: { include: prebundled, entries: ['index.html'] },
  clearScreen: false,
  server: {
    // Transform the page's modules as soon as the server is up, while the browser is still on its way.
    warmup: { clientFiles: ['./main.tsx'] },
    // Only what the page needs from the repository (the packages' sources, Storybook's preview.css).
    fs: { allow: [fileURLToPath(new URL('../../..', import.meta.url))] },
    // `pnpm demo` with FAL_KEY: the browser calls same-origin /api/fal/proxy, served by @falkit/proxy.
    ...(demoProxyTarget ? { proxy: { '/api/fal/proxy': demoProxyTarget } } : {}),
  },
});
