/**
 * Reads fal's object-lifecycle headers (docs/protocol.md §6.3). JS sends `X-Fal-Object-Lifecycle`,
 * PY sends that and `X-Fal-Object-Lifecycle-Preference`; both carry
 * `{"expiration_duration_seconds": N, "initial_acl": {...}}`.
 */
export type LifecycleResult =
  | { ok: true; expirationSeconds: number | undefined }
  | { ok: false; error: string };

const LIFECYCLE_HEADERS = ['x-fal-object-lifecycle', 'x-fal-object-lifecycle-preference'] as const;

export function readObjectLifecycle(headers: Headers): LifecycleResult {
  for (const name of LIFECYCLE_HEADERS) {
    const raw = headers.get(name);
    if (raw === null || raw.trim() === '') continue;
    return parseLifecycle(name, raw);
  }
  return { ok: true, expirationSeconds: undefined };
}

function parseLifecycle(name: string, raw: string): LifecycleResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: `Invalid ${name} header: not valid JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `Invalid ${name} header: expected a JSON object` };
  }
  const seconds = (value as Record<string, unknown>).expiration_duration_seconds;
  // null (or absent) means "never expire" per fal's docs.
  if (seconds === undefined || seconds === null) return { ok: true, expirationSeconds: undefined };
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    return {
      ok: false,
      error: `Invalid ${name} header: expiration_duration_seconds must be a positive number of seconds`,
    };
  }
  return { ok: true, expirationSeconds: seconds };
}
