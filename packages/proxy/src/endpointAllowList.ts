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
   * result and cancel URLs (`[namespace/]owner/alias`).
   */
  allowsApp(app: { namespace?: string; owner: string; alias: string }): boolean;
  /**
   * Whether a token may be minted for this app alias. A token request names only the alias (fal's
   * format), so the owner cannot be checked there: only a pattern that names owner and alias literally
   * (`fal-ai/flux/dev`, `fal-ai/flux/**`) grants tokens. `fal-ai/*`, `fal-ai/**` or `*\/flux` would let
   * a caller name another owner's app.
   */
  allowsToken(alias: string): boolean;
}

export function allowAllEndpoints(): EndpointAllowList {
  return { allowsEndpoint: () => true, allowsApp: () => true, allowsToken: () => true };
}

export function createEndpointAllowList(patterns: readonly string[]): EndpointAllowList {
  for (const pattern of patterns) validatePattern(pattern);
  const matchers = patterns.map((p) => picomatch(p));
  const segmentPatterns = patterns.map((p) => p.split('/').map(compileSegment));
  const tokenAliases = literalAppAliases(patterns);

  return {
    allowsEndpoint: (endpointId) => matchers.some((match) => match(endpointId)),
    allowsApp: (app) => segmentPatterns.some((segments) => prefixCouldMatch(segments, app)),
    allowsToken: (alias) => tokenAliases.has(alias),
  };
}

const GLOB_CHARACTERS = /[*?[\]{}()!+@]/;

/** Aliases named with a literal owner (and namespace) in front: the only apps a token may cover. */
function literalAppAliases(patterns: readonly string[]): Set<string> {
  const aliases = new Set<string>();
  for (const pattern of patterns) {
    const segments = pattern.split('/');
    const app = NAMESPACES.has(segments[0] ?? '') ? segments.slice(0, 3) : segments.slice(0, 2);
    if (
      app.length === (NAMESPACES.has(segments[0] ?? '') ? 3 : 2) &&
      !app.some((s) => GLOB_CHARACTERS.test(s))
    ) {
      aliases.add(app.at(-1)!);
    }
  }
  return aliases;
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
 * the endpoint ID is `[namespace/]owner/alias/...`.
 */
function prefixCouldMatch(
  segments: readonly SegmentPattern[],
  app: { namespace?: string; owner: string; alias: string },
): boolean {
  const wanted = app.namespace === undefined ? [app.owner, app.alias] : [app.namespace, app.owner, app.alias];
  for (const [index, value] of wanted.entries()) {
    const segment = segments[index];
    if (segment === undefined) return false;
    if (segment.text === '**') return true;
    if (!segment.matches(value)) return false;
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
