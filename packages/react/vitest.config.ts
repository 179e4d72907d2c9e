import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'react',
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    // Type tests need the workspace paths (tsconfig.test.json). A type error anywhere in the
    // checked program (source or test helpers) fails this project, not only a failing expectTypeOf.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.{ts,tsx}'],
      tsconfig: './tsconfig.test.json',
    },
  },
});
