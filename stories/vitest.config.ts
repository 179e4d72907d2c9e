import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../vitest.shared';
import { prebundled } from './.storybook/main';

const configDir = fileURLToPath(new URL('./.storybook', import.meta.url));
const reactStylesheet = fileURLToPath(new URL('../packages/react/src/styles.css', import.meta.url));

// Debian's chromium, never a downloaded browser. The network is closed here, so background
// services are switched off or their calls pile up (toolchain gotcha 4).
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

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
