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
  // No favicon request from the preview (a 404 in the console otherwise).
  previewHead: (head) => `${head ?? ''}<link rel="icon" href="data:," />`,
  // Storybook 10.6's manager asks the dev server for the state of its status, test-provider, checklist
  // and test stores and gives the answer 1 s (a fixed timeout) before rejecting a promise nobody
  // handles. On a busy 2-core machine the answer comes a little later, is applied, and everything
  // works, but each late answer surfaced as an uncaught "Timed out waiting for leader state" error.
  // Only that rejection is marked handled; every other error still reaches the console.
  managerHead: (head) => `${head ?? ''}<script>
window.addEventListener('unhandledrejection', (event) => {
  if (String(event.reason && event.reason.name).includes('UniversalStoreFollowerTimeoutError')) event.preventDefault();
});
</script>`,
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
