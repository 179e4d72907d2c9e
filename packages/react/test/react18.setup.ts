// Redirect CommonJS `require('react')` / `require('react-dom')` made inside dependencies to the
// React 18.3 copies (pnpm links react-dom 18 against the workspace's React 19 otherwise).
import { createRequire } from 'node:module';
import Module from 'node:module';

const require = createRequire(import.meta.url);
const targets = new Map<string, string>();
for (const request of ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime']) {
  targets.set(request, require.resolve(request.replace(/^react/, 'react-18')));
}
for (const request of ['react-dom', 'react-dom/client', 'react-dom/server', 'react-dom/test-utils']) {
  targets.set(request, require.resolve(request.replace(/^react-dom/, 'react-dom-18')));
}

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: ResolveFilename };
const original = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function resolveReact18(
  this: unknown,
  request: string,
  ...rest: unknown[]
) {
  return targets.get(request) ?? original.call(this, request, ...rest);
};
