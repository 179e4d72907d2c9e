import { FalInputError } from '../errors/falInputError';

export interface EndpointId {
  owner: string;
  alias: string;
  /** Sub-path after owner/alias (`dev` in `fal-ai/flux/dev`), without slashes at the ends. */
  path?: string;
  /** `workflows` or `comfy` when the id is namespaced. */
  namespace?: string;
}

const NAMESPACES = ['workflows', 'comfy'];
const SEGMENT = /^[A-Za-z0-9_.~@:+-]+$/;

/** Host of a full-URL endpoint id, when it is a fal host (`fal.run`, `*.fal.run`, `fal.ai`, `*.fal.ai`). */
export function falUrlHost(id: string): URL | undefined {
  if (!/^https?:\/\//i.test(id)) return undefined;
  try {
    const url = new URL(id);
    return /(^|\.)fal\.(ai|run)$/.test(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Split an endpoint id into owner / alias / path (docs/protocol.md §1): `fal-ai/flux/dev`,
 * `workflows/owner/alias`, legacy `123-app` (→ `123/app`). Throws `FalInputError` on anything else.
 */
export function parseEndpointId(id: string): EndpointId {
  if (typeof id !== 'string' || id.length === 0) {
    throw new FalInputError(
      `Invalid endpoint id: expected a string like "fal-ai/flux/dev", got ${String(id)}`,
    );
  }
  const url = falUrlHost(id);
  const raw = url ? url.pathname.replace(/^\/+|\/+$/g, '') : id;
  let parts = raw.split('/');
  if (parts.length === 1) {
    const legacy = /^([0-9]+)-([a-zA-Z0-9-]+)$/.exec(raw);
    if (!legacy) {
      throw new FalInputError(`Invalid app id: ${id}. Must be in the format <owner>/<alias>[/<path>]`);
    }
    parts = [legacy[1]!, legacy[2]!];
  }
  for (const part of parts) {
    if (!SEGMENT.test(part) || part === '.' || part === '..') {
      throw new FalInputError(
        `Invalid endpoint id: ${JSON.stringify(id)} has an empty or malformed segment ${JSON.stringify(part)}`,
      );
    }
  }
  const namespace = NAMESPACES.includes(parts[0]!) ? parts.shift() : undefined;
  if (parts.length < 2) {
    throw new FalInputError(`Invalid endpoint id: ${JSON.stringify(id)} needs an owner and an alias`);
  }
  const [owner, alias, ...rest] = parts as [string, string, ...string[]];
  return { owner, alias, path: rest.length > 0 ? rest.join('/') : undefined, namespace };
}
