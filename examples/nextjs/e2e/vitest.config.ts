import { defineConfig } from 'vitest/config';
import { workspaceAlias } from '../../../vitest.shared';

// Runs after `next build`: starts the built app against an emulator and drives it over HTTP and Chromium.
export default defineConfig({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'example-nextjs',
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
