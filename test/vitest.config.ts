import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'cross-package',
    environment: 'node',
    include: ['**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    testTimeout: 30_000,
    // Collects the reliability suite's records and writes test/reliability/RESULTS.md after the run.
    globalSetup: ['reliability/support/summaryGlobalSetup.ts'],
  },
});
