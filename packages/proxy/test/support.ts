/** A stand-in for fal that records what the proxy sent upstream. */
export function recordingUpstream(respond?: (request: Request) => Response | Promise<Response>) {
  const calls: Request[] = [];
  const fetch = async (request: Request) => {
    calls.push(request);
    return respond
      ? respond(request)
      : Response.json({ ok: true }, { headers: { 'x-fal-request-id': 'req-1' } });
  };
  return { calls, fetch };
}

export const PROXY_URL = 'http://app.test/api/fal/proxy';

/** A browser-style request to the proxy route for `target`. */
export function toProxy(target: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (target !== null) headers.set('x-fal-target-url', target);
  return new Request(PROXY_URL, { method: 'POST', ...init, headers });
}

export function streamOf(...chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}
