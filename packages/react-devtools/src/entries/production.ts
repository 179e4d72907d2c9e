/** `@falkit/react-devtools/production`: the devtools in every build, whatever `NODE_ENV` says. */
export { FalDevtools, type FalDevtoolsProps } from '../FalDevtools';
export type { DevtoolsButtonPosition } from '../FalDevtoolsShell';
