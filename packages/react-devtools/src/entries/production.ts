/** `@falkit/react-devtools/production`: the devtools in every build, whatever `NODE_ENV` says. */
import { createFalDevtools } from '../FalDevtools';
import { loadDevtoolsPanel } from '../lazyPanel';

export type { FalDevtoolsProps } from '../FalDevtools';
export type { DevtoolsButtonPosition } from '../FalDevtoolsShell';

export const FalDevtools = createFalDevtools(loadDevtoolsPanel);
