import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/react/vitest.react18.config.ts',
      'test/vitest.config.ts',
    ],
  },
});
