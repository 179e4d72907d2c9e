/**
 * `@falkit/react-devtools`: in production builds (`process.env.NODE_ENV === 'production'`) this
 * entry's `FalDevtools` renders nothing and adds next to nothing: bundlers replace the condition with
 * a constant, the package has no side effects, and the panel's `import()` is written inside the
 * development branch. There, and only there, it disappears before code splitting: a bundler that
 * sees an `import()` (esbuild does, in any module it parses) writes a chunk for it and moves the
 * modules the chunk shares with the app (React, falkit) into shared chunks, even if tree-shaking
 * then drops the code that held it; a constant-false branch is dropped when parsed, its `import()`
 * with it. Use `@falkit/react-devtools/production` to ship the devtools anyway.
 */
import { createFalDevtools, type FalDevtoolsProps } from './FalDevtools';

export type { FalDevtoolsProps } from './FalDevtools';
export type { DevtoolsButtonPosition } from './FalDevtoolsShell';

export const FalDevtools: (props: FalDevtoolsProps) => React.ReactNode =
  process.env.NODE_ENV === 'production'
    ? () => null
    : createFalDevtools(() => import('./panel/DevtoolsPanel'));
