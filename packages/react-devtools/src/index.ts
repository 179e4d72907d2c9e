/**
 * `@falkit/react-devtools`: in production builds (`process.env.NODE_ENV === 'production'`) this
 * entry's `FalDevtools` renders nothing, and bundlers drop the devtools code (the condition is a
 * constant and the package has no side effects). Use `@falkit/react-devtools/production` to ship
 * them anyway.
 */
import type { FalDevtoolsProps } from './FalDevtools';
import * as Devtools from './FalDevtools';

export type { FalDevtoolsProps } from './FalDevtools';
export type { DevtoolsButtonPosition } from './FalDevtoolsShell';

export const FalDevtools: (props: FalDevtoolsProps) => React.ReactNode =
  process.env.NODE_ENV === 'production' ? () => null : Devtools.FalDevtools;
