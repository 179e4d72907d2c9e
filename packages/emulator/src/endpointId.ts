/** Endpoint ids as fal parses them (docs/protocol.md §1). */

export const NAMESPACES = ['workflows', 'comfy'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export interface EndpointParts {
  namespace?: Namespace;
  owner: string;
  alias: string;
  /** Remaining segments after owner/alias (the endpoint path), possibly empty. */
  path: string[];
}

/** Splits URL path segments into namespace/owner/alias/path; undefined when too short. */
export function parseEndpointSegments(segments: string[]): EndpointParts | undefined {
  const [first, ...rest] = segments;
  if (first && (NAMESPACES as readonly string[]).includes(first)) {
    const [owner, alias, ...path] = rest;
    if (!owner || !alias) return undefined;
    return { namespace: first as Namespace, owner, alias, path };
  }
  const [owner, alias, ...path] = segments;
  if (!owner) return undefined;
  if (!alias) {
    // Legacy `{digits}-{name}` ids map to `{digits}/{name}`.
    const legacy = /^(\d+)-(.+)$/.exec(owner);
    return legacy ? { owner: legacy[1]!, alias: legacy[2]!, path: [] } : undefined;
  }
  return { owner, alias, path };
}

/** `[{namespace}/]{owner}/{alias}`: the part of an id that queue status/result/cancel URLs use. */
export function queueBase(parts: EndpointParts): string {
  return [parts.namespace, parts.owner, parts.alias].filter(Boolean).join('/');
}

/** The full id, path included, e.g. `fal-ai/flux/dev`. */
export function fullEndpointId(parts: EndpointParts): string {
  return [queueBase(parts), ...parts.path].join('/');
}

export function splitPath(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
}
