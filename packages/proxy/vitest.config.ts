import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'proxy',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
