/**
 * Runs the hook, component and query tests again on React 18.3 (the package supports 18.3 and 19). ESM imports of
 * `react` / `react-dom` are aliased here; CommonJS `require`s inside dependencies (react-dom,
 * Testing Library, react-query) are redirected by `test/react18.setup.ts`.
 */
import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

const require = createRequire(import.meta.url);
const react18 = (request: string) =>
  require.resolve(request.replace(/^react-dom/, 'react-dom-18').replace(/^react(?=$|\/)/, 'react-18'));

export default defineProject({
  resolve: {
    alias: [
      ...workspaceAlias,
      ...[
        'react-dom/client',
        'react-dom/server',
        'react-dom/test-utils',
        'react-dom',
        'react/jsx-dev-runtime',
        'react/jsx-runtime',
        'react',
      ].map((request) => ({ find: new RegExp(`^${request}$`), replacement: react18(request) })),
    ],
  },
  test: {
    name: 'react18',
    environment: 'jsdom',
    include: [
      'test/hooks/**/*.test.{ts,tsx}',
      'test/components/**/*.test.{ts,tsx}',
      'test/query/**/*.test.{ts,tsx}',
      'test/reactVersion.react18-test.tsx',
    ],
    setupFiles: ['test/react18.setup.ts'],
    server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query', 'react-dropzone'] } },
  },
});
