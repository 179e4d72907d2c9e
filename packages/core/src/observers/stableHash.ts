/**
 * A deterministic JSON key for an input: object keys are sorted, so `{a, b}` and `{b, a}` share a
 * request. Blobs and other class instances cannot be compared by value: each gets an identity
 * number, so two different files never share a request.
 */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** A number unique to `value` for its lifetime (keys a client by identity, not by shape). */
export function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function stableHash(value: unknown): string {
  return (
    JSON.stringify(value, (_key, current: unknown) => {
      if (typeof current === 'bigint') return `${current}n`;
      if (typeof current === 'function' || typeof current === 'symbol') return `#${String(current)}`;
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return current;
      if (!isPlainObject(current)) {
        if (current instanceof Date) return current.toISOString();
        return `#instance:${identityOf(current)}`;
      }
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(current).sort()) sorted[key] = (current as Record<string, unknown>)[key];
      return sorted;
    }) ?? 'undefined'
  );
}
