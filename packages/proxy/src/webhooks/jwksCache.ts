/** Where fal publishes the public keys its webhook signatures verify against (docs/protocol.md §9). */
export const FAL_WEBHOOK_JWKS_URL = 'https://rest.alpha.fal.ai/.well-known/jwks.json';

/** fal's guidance: never trust a cached JWKS for more than a day. */
export const MAX_JWKS_CACHE_MS = 24 * 60 * 60 * 1000;

export type JwksFetch = (url: string) => Promise<Response>;

interface CacheEntry {
  keys: Promise<CryptoKey[]>;
  fetchedAt: number;
}

// One cache per fetch function, so tests (and apps) with their own fetch never see each other's keys.
const caches = new WeakMap<JwksFetch, Map<string, CacheEntry>>();

export interface JwksSource {
  url: string;
  fetch: JwksFetch;
  cacheMs: number;
  now: () => number;
}

/** The verification keys for `source.url`, from cache while younger than `cacheMs`. */
export function loadJwks(source: JwksSource, options: { refresh?: boolean } = {}): Promise<CryptoKey[]> {
  let byUrl = caches.get(source.fetch);
  if (!byUrl) {
    byUrl = new Map();
    caches.set(source.fetch, byUrl);
  }
  const cached = byUrl.get(source.url);
  const fresh = cached && source.now() - cached.fetchedAt < Math.min(source.cacheMs, MAX_JWKS_CACHE_MS);
  if (cached && fresh && !options.refresh) return cached.keys;

  const entry: CacheEntry = { keys: fetchKeys(source), fetchedAt: source.now() };
  byUrl.set(source.url, entry);
  // A failed fetch must not be cached, or one outage would break verification until the TTL ends.
  entry.keys.catch(() => {
    if (byUrl.get(source.url) === entry) byUrl.delete(source.url);
  });
  return entry.keys;
}

/** How old the cached JWKS for `source` is, or undefined when none is cached. */
export function jwksAge(source: JwksSource): number | undefined {
  const entry = caches.get(source.fetch)?.get(source.url);
  return entry ? source.now() - entry.fetchedAt : undefined;
}

async function fetchKeys(source: JwksSource): Promise<CryptoKey[]> {
  const response = await source.fetch(source.url);
  if (!response.ok) throw new Error(`JWKS request to ${source.url} failed with HTTP ${response.status}`);
  const jwks = (await response.json()) as { keys?: unknown };
  if (!Array.isArray(jwks.keys)) throw new Error(`JWKS at ${source.url} has no keys array`);
  const keys: CryptoKey[] = [];
  for (const jwk of jwks.keys as { kty?: unknown; crv?: unknown; x?: unknown }[]) {
    if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') continue;
    const raw = base64UrlToBytes(jwk.x);
    if (raw?.length !== 32) continue;
    keys.push(await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']));
  }
  if (keys.length === 0) throw new Error(`JWKS at ${source.url} has no Ed25519 keys`);
  return keys;
}

/** base64url with or without `=` padding (fal's JWKS has been seen padded). */
function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  const unpadded = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(unpadded)) return undefined;
  const base64 = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
