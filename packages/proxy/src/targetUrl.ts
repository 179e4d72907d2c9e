import { type Refusal, refuse } from './errors';
import { type FalHost, isFalHost } from './falHosts';

/** A target that passed every structural check: an https URL on an exact fal host. */
export interface FalTarget {
  ok: true;
  /** The canonical fal URL (`https://{fal host}/{path}?{query}`), even when the client sent an emulator URL. */
  url: URL;
  host: FalHost;
  /** The path without its leading slash, e.g. `fal-ai/flux/dev`. */
  path: string;
}

const MAX_TARGET_LENGTH = 8192;
// Printable ASCII without space: rules out control characters, whitespace and every Unicode look-alike.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const IPV4_LIKE = /^[0-9.]+$|^0x/i;

/**
 * Parses `x-fal-target-url` with the WHATWG URL parser and refuses anything that is not a plain
 * `https://{fal host}/{path}` URL. The raw text is also compared with what the parser understood, so tricks
 * that the parser silently "repairs" (backslashes, `%2e`, default ports, trailing dots, encoded hosts) are
 * refused instead of being guessed at.
 *
 * With `emulatorOrigin`, URLs on that exact origin (`{origin}/{fal host}/{path}`, the emulator's mapping) are
 * accepted too and translated back to the fal URL they stand for, then checked like any other.
 */
export function parseTargetUrl(raw: string | null, emulatorOrigin?: string): FalTarget | Refusal {
  if (raw === null || raw === '') {
    return refuse(
      400,
      'missing_target',
      'Missing x-fal-target-url header: this route only proxies fal requests.',
    );
  }
  if (raw.length > MAX_TARGET_LENGTH) return refuse(400, 'invalid_target', 'x-fal-target-url is too long.');
  if (!PRINTABLE_ASCII.test(raw)) {
    return notAllowed('it contains whitespace, control or non-ASCII characters');
  }
  if (raw.includes('\\')) return notAllowed('it contains a backslash');
  if (raw.includes('#')) return notAllowed('it contains a fragment');

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(400, 'invalid_target', 'x-fal-target-url is not a valid absolute URL.');
  }
  if (url.username !== '' || url.password !== '') return notAllowed('it contains user info');

  const raws = splitRaw(raw);
  if (raws === undefined) return notAllowed('it is not a hierarchical URL');
  if (raws.authority.toLowerCase() !== url.host) {
    return notAllowed('its host is written in a non-canonical form (ports, encodings or trailing dots)');
  }

  let rawPath = raws.path;
  if (emulatorOrigin !== undefined && url.origin === emulatorOrigin) {
    // `{origin}/{fal host}/{path}` -> `https://{fal host}/{path}`
    const match = /^\/([^/]+)(\/.*)?$/.exec(rawPath);
    if (!match) return notAllowed('it names no fal host after the emulator origin');
    rawPath = match[2] ?? '/';
    try {
      url = new URL(`https://${match[1]}${rawPath}${url.search}`);
    } catch {
      return refuse(400, 'invalid_target', 'x-fal-target-url is not a valid emulator URL.');
    }
    if (url.host !== match[1]) return notAllowed('the host after the emulator origin is not canonical');
  }

  if (url.protocol !== 'https:') return notAllowed('only https URLs are proxied');
  const host = url.hostname;
  if (host.startsWith('[') || IPV4_LIKE.test(host)) return notAllowed('IP addresses are not fal hosts');
  if (url.port !== '') return notAllowed('only the default https port is proxied');
  if (!isFalHost(host)) return notAllowed(`${host} is not a fal host`);

  if (rawPath.includes('%'))
    return notAllowed('percent-encoded paths are refused (fal paths never need them)');
  const segments = rawPath.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..')) return notAllowed('it contains dot segments');
  if (segments.slice(0, -1).some((s) => s === '')) return notAllowed('it contains empty path segments');

  return { ok: true, url, host, path: url.pathname.slice(1) };
}

function notAllowed(why: string): Refusal {
  return refuse(403, 'target_not_allowed', `x-fal-target-url is not allowed: ${why}.`);
}

/** The authority and path exactly as the client wrote them, before any parser normalisation. */
function splitRaw(raw: string): { authority: string; path: string } | undefined {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)([^?#]*)/.exec(raw);
  if (!match) return undefined;
  return { authority: match[1] ?? '', path: match[2] || '/' };
}
