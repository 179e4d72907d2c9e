/**
 * Origin the msw handlers use for requests to the real fal hosts (`https://{host}/…`). Emulator URLs
 * under it are turned back into the real form in responses and in the request log.
 */
export const REAL_HOST_ORIGIN = 'http://falkit-emulator.invalid';

const REAL_HOST_PATTERN = /http:\/\/falkit-emulator\.invalid\/([a-z0-9.-]+)/g;

/** Rewrites `http://falkit-emulator.invalid/{host}` to `https://{host}` everywhere in `text`. */
export function toRealUrls(text: string): string {
  return text.replace(REAL_HOST_PATTERN, 'https://$1');
}
