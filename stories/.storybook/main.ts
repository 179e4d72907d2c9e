import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';
import { mergeConfig } from 'vite';

const reactStylesheet = fileURLToPath(new URL('../../packages/react/src/styles.css', import.meta.url));
// Storybook loads this file with Node's own resolver, which needs the file extension.
const workspaceAliasModule = new URL('../../vitest.shared.ts', import.meta.url).href;

/** Dependencies of the workspace sources the stories import (found late otherwise). */
export const prebundled = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  '@falkit/react > react-dropzone',
  '@falkit/core > eventsource-parser',
  '@falkit/core > eventsource-parser/stream',
];

/** Stories import the workspace packages from source, like the unit tests do. */
export async function storiesAlias(): Promise<Array<{ find: RegExp; replacement: string }>> {
  const { workspaceAlias } = (await import(workspaceAliasModule)) as {
    workspaceAlias: Array<{ find: RegExp; replacement: string }>;
  };
  return [{ find: /^@falkit\/react\/styles\.css$/, replacement: reactStylesheet }, ...workspaceAlias];
}

const demoProxyTarget = process.env.FALKIT_DEMO_PROXY_TARGET;

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  addons: ['@storybook/addon-vitest'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: false },
  viteFinal: async (viteConfig) =>
    mergeConfig(viteConfig, {
      plugins: [react()],
      resolve: { alias: await storiesAlias(), dedupe: ['react', 'react-dom'] },
      optimizeDeps: { include: prebundled },
      // `pnpm demo` with FAL_KEY: the browser calls same-origin /api/fal/proxy, served by @falkit/proxy.
      server: demoProxyTarget ? { proxy: { '/api/fal/proxy': demoProxyTarget } } : {},
    }),
};

export default config;
