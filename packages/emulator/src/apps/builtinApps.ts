import type { AppRegistry } from './appRegistry.js';
import { echoApp } from './echoApp.js';

/** Registers the stand-in apps every emulator starts with. */
export function registerBuiltinApps(registry: AppRegistry): void {
  registry.register('falkit/echo', echoApp);
}
