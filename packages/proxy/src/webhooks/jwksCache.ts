import { readLimited } from '../bodyLimit';

/** Where fal publishes the public keys its webhook signatures verify against (docs/protocol.md §9). */
export const FAL_WEBHOOK_JWKS_URL = 'https://rest.alpha.fal.ai/.well-known/jwks.json';

/** fal's guidance: never trust a cached JWKS for more than a day. */
export const MAX_JWKS_CACHE_MS = 24 * 60 * 60 * 1000;

/** A JWKS fetch that neither answers nor fails within this is abandoned. */
export const DEFAULT_JWKS_TIMEOUT_MS = 10_000;

/**
 * After a failed JWKS fetch, verifications fail at once (no new fetch) for this long: during an outage
 * forged requests cannot each make the server call the JWKS host.
 */
export const JWKS_FAILURE_BACKOFF_MS = 10_000;

/** A JWKS is a few hundred bytes; anything near this is not one. */
const MAX_JWKS_BYTES = 256 * 1024;

export type JwksFetch = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

interface CacheEntry {
  /** The last keys fetched successfully, and when. */
  keys?: CryptoKey[];
  fetchedAt?: number;
  /** The fetch in flight, shared by concurrent callers (bounded by the timeout). */
  inflight?: Promise<CryptoKey[]>;
  /** The last failure, remembered for `JWKS_FAILURE_BACKOFF_MS`. */
  failure?: { at: number; error: Error };
}

// One cache per fetch function, so tests (and apps) with their own fetch never see each other's keys.
const caches = new WeakMap<JwksFetch, Map<string, CacheEntry>>();

export interface JwksSource {
  url: string;
  fetch: JwksFetch;
  cacheMs: number;
  timeoutMs: number;
  now: () => number;
}

/**
 * The verification keys for `source.url`, from cache while younger than `cacheMs`. `refresh` asks for a
 * new copy (key rotation); when that fails, the cached keys are still returned.
 */
export async function loadJwks(
  source: JwksSource,
  options: { refresh?: boolean } = {},
): Promise<CryptoKey[]> {
  let byUrl = caches.get(source.fetch);
  if (!byUrl) {
    byUrl = new Map();
    caches.set(source.fetch, byUrl);
  }
  let entry = byUrl.get(source.url);
  if (!entry) {
    entry = {};
    byUrl.set(source.url, entry);
  }
  const maxAge = Math.min(source.cacheMs, MAX_JWKS_CACHE_MS);
  const fresh = entry.keys && entry.fetchedAt !== undefined && source.now() - entry.fetchedAt < maxAge;
  if (fresh && !options.refresh) return entry.keys!;
  if (entry.failure && source.now() - entry.failure.at < JWKS_FAILURE_BACKOFF_MS) {
    if (fresh) return entry.keys!;
    throw entry.failure.error;
  }
  if (!entry.inflight) {
    const current = entry;
    current.inflight = fetchKeys(source).then(
      (keys) => {
        current.keys = keys;
        current.fetchedAt = source.now();
        current.failure = undefined;
        current.inflight = undefined;
        return keys;
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        current.failure = { at: source.now(), error: failure };
        current.inflight = undefined;
        throw failure;
      },
    );
  }
  try {
    return await entry.inflight!;
  } catch (error) {
    if (fresh) return entry.keys!;
    throw error;
  }
}

/** How old the cached JWKS for `source` is, or undefined when none is cached. */
export function jwksAge(source: JwksSource): number | undefined {
  const fetchedAt = caches.get(source.fetch)?.get(source.url)?.fetchedAt;
  return fetchedAt === undefined ? undefined : source.now() - fetchedAt;
}

/** Fetches and parses the JWKS within `timeoutMs` (even when `fetch` ignores the abort signal). */
async function fetchKeys(source: JwksSource): Promise<CryptoKey[]> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`JWKS request to ${source.url} timed out after ${source.timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, source.timeoutMs);
  });
  try {
    return await Promise.race([readKeys(source, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function readKeys(source: JwksSource, signal: AbortSignal): Promise<CryptoKey[]> {
  const response = await source.fetch(source.url, { signal });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`JWKS request to ${source.url} failed with HTTP ${response.status}`);
  }
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(new TextDecoder().decode(await readLimited(response.body, MAX_JWKS_BYTES)));
  } catch (error) {
    throw new Error(`JWKS at ${source.url} is not a JSON document under ${MAX_JWKS_BYTES} bytes`, {
      cause: error,
    });
  }
  if (!Array.isArray(jwks?.keys)) throw new Error(`JWKS at ${source.url} has no keys array`);
  const keys: CryptoKey[] = [];
  for (const jwk of jwks.keys as { kty?: unknown; crv?: unknown; x?: unknown }[]) {
    const key = await importEd25519(jwk);
    if (key) keys.push(key);
  }
  if (keys.length === 0) throw new Error(`JWKS at ${source.url} has no usable Ed25519 keys`);
  return keys;
}

/** One key; a malformed one is skipped (undefined) so it cannot break the others. */
async function importEd25519(jwk: {
  kty?: unknown;
  crv?: unknown;
  x?: unknown;
}): Promise<CryptoKey | undefined> {
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return undefined;
  try {
    const raw = base64UrlToBytes(jwk.x);
    if (raw?.length !== 32) return undefined;
    return await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return undefined;
  }
}

/** base64url with or without `=` padding (fal's JWKS has been seen padded). */
function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  const unpadded = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(unpadded)) return undefined;
  const base64 = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
