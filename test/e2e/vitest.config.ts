import { defineConfig } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

// Browser end-to-end: starts `pnpm demo` the way the README does and drives Debian's chromium.
export default defineConfig({
  // Workspace packages from source (the in-process emulator of the proxy-mode test), like the unit tests.
  resolve: { alias: workspaceAlias },
  test: {
    name: 'e2e',
    root: new URL('.', import.meta.url).pathname,
    environment: 'node',
    include: ['**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
