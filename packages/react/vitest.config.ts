import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'react',
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    // Type tests need the workspace paths (tsconfig.test.json); errors in source files are the
    // root `tsc` run's job, so only errors in the type tests fail this project.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.{ts,tsx}'],
      tsconfig: './tsconfig.test.json',
      ignoreSourceErrors: true,
    },
  },
});
