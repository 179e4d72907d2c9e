import type { AppHandler } from './appTypes.js';

export interface AppMatch {
  appId: string;
  handler: AppHandler;
  /** Segments of the requested id after the matched app id. */
  subpath: string[];
}

/** Registered apps, found by the longest registered id that prefixes the requested one. */
export class AppRegistry {
  private readonly apps = new Map<string, AppHandler>();

  register(id: string, handler: AppHandler): void {
    const normalized = id.replace(/^\/+|\/+$/g, '');
    if (normalized.split('/').length < 2)
      throw new TypeError(`App id must be "owner/alias[/path]", got "${id}"`);
    if (typeof handler !== 'function')
      throw new TypeError(`App handler for "${id}" must be a function, got ${typeof handler}`);
    this.apps.set(normalized, handler);
  }

  unregister(id: string): boolean {
    return this.apps.delete(id.replace(/^\/+|\/+$/g, ''));
  }

  ids(): string[] {
    return [...this.apps.keys()];
  }

  /**
   * `segments` is the full id (namespace included). A namespaced id (`workflows/…`, `comfy/…`)
   * falls back to the plain id's app when nothing is registered under the namespaced one.
   */
  find(segments: string[], namespaced: boolean): AppMatch | undefined {
    const direct = this.longestPrefix(segments);
    if (direct || !namespaced) return direct;
    return this.longestPrefix(segments.slice(1));
  }

  private longestPrefix(segments: string[]): AppMatch | undefined {
    for (let length = segments.length; length >= 2; length--) {
      const appId = segments.slice(0, length).join('/');
      const handler = this.apps.get(appId);
      if (handler) return { appId, handler, subpath: segments.slice(length) };
    }
    return undefined;
  }
}
