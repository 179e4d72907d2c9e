/**
 * A `fetch` for the Vercel AI SDK's `createFal({ fetch })`: every `https://{host}/…` fal URL
 * (fal.run, queue.fal.run, v3.fal.media, …) goes to `{origin}/{host}/…` on the emulator. With the
 * emulator answering real-form URLs (`urls: 'real'`), the SDK only ever sees public fal hosts, so
 * its download checks (no loopback addresses) pass and every follow-up request comes back here.
 */
export function falHostsFetch(origin: string): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const mapped = url.replace(/^https:\/\/([a-z0-9.-]*fal\.(?:run|ai|media))\//, `${origin}/$1/`);
    return fetch(input instanceof Request ? new Request(mapped, input) : mapped, init);
  };
}
