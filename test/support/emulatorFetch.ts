/**
 * A `fetch` for the official `@fal-ai/client` that sends its calls to the emulator: it rewrites
 * `https://{host}/…` to `{origin}/{host}/…`, the emulator's path-prefixed form of fal's hosts. URLs
 * that are already at the emulator's origin (upload and result URLs it handed out) pass untouched.
 */
export function emulatorFetch(origin: string): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const rewritten = url.replace(/^https:\/\/([^/]+)\//, `${origin}/$1/`);
    return fetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init);
  };
}
