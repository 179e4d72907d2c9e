import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { chromiumLaunchOptions } from '../test/e2e/chromium';
import { workspaceAlias } from '../vitest.shared';
import { prebundled } from './.storybook/main';

const configDir = fileURLToPath(new URL('./.storybook', import.meta.url));
const reactStylesheet = fileURLToPath(new URL('../packages/react/src/styles.css', import.meta.url));

export default defineProject({
  plugins: [storybookTest({ configDir })],
  resolve: {
    alias: [{ find: /^@falkit\/react\/styles\.css$/, replacement: reactStylesheet }, ...workspaceAlias],
    dedupe: ['react', 'react-dom'],
  },
  // Pre-bundle up front: a dependency discovered mid-run re-optimizes and loads a second React.
  optimizeDeps: { include: prebundled },
  test: {
    name: 'storybook',
    // Live stories talk to a real emulator over loopback; it is started once for the run.
    globalSetup: ['./test/emulatorGlobalSetup.ts'],
    setupFiles: ['./test/emulatorUrlSetup.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: chromiumLaunchOptions }),
      instances: [{ browser: 'chromium' }],
      screenshotFailures: false,
    },
  },
});
