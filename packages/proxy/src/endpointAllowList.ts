// The posix build: matching must not depend on the server OS (on Windows a backslash would become a separator).
import picomatch from 'picomatch/posix.js';
import { ProxyConfigError } from './errors';

const NAMESPACES = new Set(['workflows', 'comfy']);

/**
 * The endpoints a proxy may call, as globs over endpoint IDs (`fal-ai/flux/dev`, `fal-ai/flux/*`,
 * `fal-ai/**`). `*` stays inside one path segment; `**` spans segments.
 */
export interface EndpointAllowList {
  /** Whether a full endpoint ID (`owner/alias[/path]`) may be called. */
  allowsEndpoint(endpointId: string): boolean;
  /**
   * Whether some allowed endpoint belongs to this app. Used where fal only names the app: queue status,
   * result and cancel URLs (`owner/alias`) and token requests (`alias` only, so `owner` may be undefined).
   */
  allowsApp(app: { namespace?: string; owner?: string; alias: string }): boolean;
}

export function allowAllEndpoints(): EndpointAllowList {
  return { allowsEndpoint: () => true, allowsApp: () => true };
}

export function createEndpointAllowList(patterns: readonly string[]): EndpointAllowList {
  for (const pattern of patterns) validatePattern(pattern);
  const matchers = patterns.map((p) => picomatch(p));
  const segmentPatterns = patterns.map((p) => p.split('/').map(compileSegment));

  return {
    allowsEndpoint: (endpointId) => matchers.some((match) => match(endpointId)),
    allowsApp: (app) => segmentPatterns.some((segments) => prefixCouldMatch(segments, app)),
  };
}

/** One `/`-separated piece of a pattern, compiled once. */
interface SegmentPattern {
  text: string;
  matches: (value: string) => boolean;
}

function compileSegment(text: string): SegmentPattern {
  return { text, matches: picomatch(text) };
}

/**
 * Whether a pattern could match an endpoint ID that starts with this app. Segments compare by position, as
 * the endpoint ID is `[namespace/]owner/alias/...`. A token names only the alias, so its owner (and whether it
 * is namespaced) is unknown: the alias is compared with the alias position of each pattern.
 */
function prefixCouldMatch(
  segments: readonly SegmentPattern[],
  app: { namespace?: string; owner?: string; alias: string },
): boolean {
  let wanted: (string | undefined)[];
  if (app.owner === undefined) {
    wanted = NAMESPACES.has(segments[0]?.text ?? '')
      ? [undefined, undefined, app.alias]
      : [undefined, app.alias];
  } else {
    wanted = app.namespace === undefined ? [app.owner, app.alias] : [app.namespace, app.owner, app.alias];
  }
  for (const [index, value] of wanted.entries()) {
    const segment = segments[index];
    if (segment === undefined) return false;
    if (segment.text === '**') return true;
    if (value !== undefined && !segment.matches(value)) return false;
  }
  return true;
}

function validatePattern(pattern: unknown): void {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    throw new ProxyConfigError(
      'allowedEndpoints entries must be non-empty glob strings like "fal-ai/flux/dev".',
    );
  }
  if (pattern.startsWith('!')) {
    throw new ProxyConfigError(
      `allowedEndpoints "${pattern}": negated patterns are not supported; list what is allowed instead.`,
    );
  }
  if (pattern.startsWith('/') || pattern.includes('://') || /^(queue\.)?fal\.run\//.test(pattern)) {
    throw new ProxyConfigError(
      `allowedEndpoints "${pattern}": use endpoint IDs such as "fal-ai/flux/dev", without host or leading slash.`,
    );
  }
}
