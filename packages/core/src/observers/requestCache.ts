/**
 * Per-client registry of shared requests, keyed by what is asked (kind, endpoint, input, request
 * options), so components asking for the same thing share one job — TanStack's `QueryCache`.
 */
import type { FalRequest, ObserverRequestConfig, RequestKind } from './falRequest';
import { stableHash } from './stableHash';

const caches = new WeakMap<object, RequestCache>();

export class RequestCache {
  readonly #requests = new Map<string, FalRequest<unknown>>();

  static for(client: object): RequestCache {
    let cache = caches.get(client);
    if (!cache) {
      cache = new RequestCache();
      caches.set(client, cache);
    }
    return cache;
  }

  static key(kind: RequestKind, endpointId: string, input: unknown, config: ObserverRequestConfig): string {
    const { logs, priority, hint, webhookUrl, timeout, startTimeout, mode, headers } = config;
    return stableHash([
      kind,
      endpointId,
      input,
      { logs, priority, hint, webhookUrl, timeout, startTimeout, mode, headers },
    ]);
  }

  get<TOutput>(key: string): FalRequest<TOutput> | undefined {
    return this.#requests.get(key) as FalRequest<TOutput> | undefined;
  }

  set(key: string, request: FalRequest<unknown>): void {
    this.#requests.set(key, request);
  }

  /** Forget `request` if it is still the one stored under `key`. */
  delete(key: string, request: FalRequest<unknown>): void {
    if (this.#requests.get(key) === request) this.#requests.delete(key);
  }

  get size(): number {
    return this.#requests.size;
  }
}
