import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    falkitEmulatorUrl: string;
  }
}

/**
 * One emulator for the whole storybook run, on a free loopback port, closed at the end. One
 * worker makes queue positions visible with a few jobs; speed 1 keeps them visible long enough.
 */
export default async function setup(project: TestProject) {
  const { createEmulator } = await import('@falkit/emulator');
  const emulator = createEmulator({ workers: 1 });
  const server = await emulator.listen({ port: 0, host: '127.0.0.1' });
  project.provide('falkitEmulatorUrl', server.url);
  return () => emulator.close();
}
