import { describe, expect, it } from 'vitest';
import { createProxyHandler } from '../src/index';
import { recordingUpstream, toProxy } from './support';

const env = { FAL_KEY: 'server-key' };

function proxyWith(options: { emulatorOrigin?: string } = {}) {
  const upstream = recordingUpstream();
  const handler = createProxyHandler({
    allowAllEndpoints: true,
    env,
    fetch: upstream.fetch,
    ...(options.emulatorOrigin ? { emulatorOrigin: options.emulatorOrigin } : {}),
  });
  return { handler, upstream };
}

/** Header values arrive as bytes; servers hand them over as latin-1 strings. */
function asReceived(utf8: string): string {
  return Buffer.from(utf8, 'utf8').toString('latin1');
}

// Every one of these must be refused before anything is sent upstream, even with allowAllEndpoints.
const hostile: [string, string][] = [
  ['plain http', 'http://fal.run/fal-ai/flux/dev'],
  ['websocket scheme', 'wss://fal.run/fal-ai/flux/dev'],
  ['file scheme', 'file:///etc/passwd'],
  ['javascript scheme', 'javascript:alert(1)'],
  ['ftp scheme', 'ftp://fal.run/fal-ai/flux/dev'],
  ['look-alike suffix', 'https://fal.run.evil.com/fal-ai/flux/dev'],
  ['look-alike prefix', 'https://evilfal.run/fal-ai/flux/dev'],
  ['look-alike subdomain', 'https://evil.fal.run/fal-ai/flux/dev'],
  ['sibling fal host not proxied', 'https://api.fal.ai/v1/models'],
  ['alpha rest host', 'https://rest.alpha.fal.ai/tokens/'],
  ['userinfo pointing elsewhere', 'https://fal.run@evil.com/fal-ai/flux/dev'],
  ['userinfo on fal host', 'https://user:pass@fal.run/fal-ai/flux/dev'],
  ['empty userinfo', 'https://@fal.run/fal-ai/flux/dev'],
  ['userinfo behind a semicolon', 'https://fal.run;@evil.com/fal-ai/flux/dev'],
  ['scheme without slashes (parsers repair it)', 'https:fal.run/fal-ai/flux/dev'],
  ['empty port', 'https://fal.run:/fal-ai/flux/dev'],
  ['fragment hiding the host', 'https://evil.com#@fal.run/fal-ai/flux/dev'],
  ['backslash before at', 'https://evil.com\\@fal.run/fal-ai/flux/dev'],
  ['backslash after host', 'https://fal.run\\@evil.com/fal-ai/flux/dev'],
  ['backslash path', 'https://fal.run\\fal-ai\\flux\\dev'],
  ['IPv4 literal', 'https://127.0.0.1/fal-ai/flux/dev'],
  ['cloud metadata IP', 'https://169.254.169.254/latest/meta-data'],
  ['decimal IPv4', 'https://2130706433/fal-ai/flux/dev'],
  ['hex IPv4', 'https://0x7f000001/fal-ai/flux/dev'],
  ['octal IPv4', 'https://0177.0.0.1/fal-ai/flux/dev'],
  ['IPv6 loopback', 'https://[::1]/fal-ai/flux/dev'],
  ['IPv4-mapped IPv6', 'https://[::ffff:127.0.0.1]/fal-ai/flux/dev'],
  ['localhost', 'https://localhost/fal-ai/flux/dev'],
  ['other port', 'https://fal.run:8443/fal-ai/flux/dev'],
  ['explicit default port', 'https://fal.run:443/fal-ai/flux/dev'],
  ['trailing dot host', 'https://fal.run./fal-ai/flux/dev'],
  ['percent-encoded host', 'https://fal%2erun/fal-ai/flux/dev'],
  ['punycode look-alike', 'https://xn--fl-yia.run/fal-ai/flux/dev'],
  ['cyrillic a', asReceived('https://f\u0430l.run/fal-ai/flux/dev')],
  ['fullwidth letters', asReceived('https://\uff46\uff41\uff4c.run/fal-ai/flux/dev')],
  ['encoded dot segments', 'https://fal.run/fal-ai/flux/%2e%2e/%2e%2e/other/model'],
  ['upper-case encoded dots', 'https://fal.run/fal-ai/flux/%2E%2E/x'],
  ['plain dot segments', 'https://fal.run/fal-ai/flux/../../other/model'],
  ['single dot segment', 'https://fal.run/fal-ai/./flux/dev'],
  ['encoded slashes', 'https://fal.run/fal-ai%2Fflux%2Fdev'],
  ['encoded CRLF', 'https://fal.run/fal-ai/flux/dev%0d%0aHost:%20evil.com'],
  ['double slash path', 'https://fal.run//evil.com/x'],
  ['whitespace', 'https://fal.run/fal-ai/flux/dev x'],
  ['tab', 'https://fal.run/fal-ai/\tflux/dev'],
  ['protocol-relative', '//fal.run/fal-ai/flux/dev'],
  ['relative path', '/fal-ai/flux/dev'],
  ['not a URL', 'fal.run/fal-ai/flux/dev'],
  ['rest route that is not proxied', 'https://rest.fal.ai/users/me/keys'],
  ['CDN file read', 'https://v3.fal.media/files/abc/image.png'],
  ['emulator URL without emulator mode', 'http://127.0.0.1:4000/fal.run/fal-ai/flux/dev'],
];

describe('x-fal-target-url parsing', () => {
  it.each(hostile)('refuses %s before any upstream fetch', async (_name, target) => {
    const { handler, upstream } = proxyWith();
    const response = await handler(toProxy(target, { body: '{}' }));
    expect([400, 403]).toContain(response.status);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect((await response.json()).error_type).toMatch(/^proxy_(invalid_target|target_not_allowed)$/);
    expect(upstream.calls).toHaveLength(0);
  });

  it('answers 400 with a clear message when the header is missing', async () => {
    const { handler, upstream } = proxyWith();
    const response = await handler(toProxy(null, { body: '{}' }));
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/x-fal-target-url/);
    expect(upstream.calls).toHaveLength(0);
  });

  it.each([
    ['run', 'https://fal.run/fal-ai/flux/dev'],
    ['upper-case host', 'https://FAL.run/fal-ai/flux/dev'],
    [
      'queue submit with webhook query',
      'https://queue.fal.run/fal-ai/flux/dev?fal_webhook=https%3A%2F%2Fx.test%2Fh',
    ],
    ['stream', 'https://fal.run/fal-ai/any-llm/stream'],
    ['token route', 'https://rest.fal.ai/tokens/'],
    ['upload initiate', 'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3'],
    ['multipart initiate', 'https://rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3'],
    ['CDN upload', 'https://v3.fal.media/files/upload'],
  ])('forwards a well-formed fal URL (%s) to exactly that URL', async (_name, target) => {
    const { handler, upstream } = proxyWith();
    const body = _name === 'token route' ? '{"allowed_apps":["flux"]}' : '{}';
    const response = await handler(toProxy(target, { body }));
    expect(response.status).toBe(200);
    expect(upstream.calls.map((r) => r.url)).toEqual([new URL(target).href]);
  });

  it('refuses redirects from upstream instead of following or relaying them', async () => {
    const upstream = recordingUpstream(
      () => new Response(null, { status: 302, headers: { location: 'https://evil.example/steal' } }),
    );
    const handler = createProxyHandler({ allowAllEndpoints: true, env, fetch: upstream.fetch });
    const response = await handler(toProxy('https://fal.run/fal-ai/flux/dev', { body: '{}' }));
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
    expect((await response.json()).error_type).toBe('proxy_upstream_redirect');
    expect(upstream.calls).toHaveLength(1);
    expect(upstream.calls[0]!.redirect).toBe('manual');
  });

  describe('emulator mode', () => {
    const origin = 'http://127.0.0.1:4555';

    it('maps fal URLs onto the emulator origin', async () => {
      const { handler, upstream } = proxyWith({ emulatorOrigin: origin });
      await handler(toProxy('https://queue.fal.run/fal-ai/flux/dev?x=1', { body: '{}' }));
      expect(upstream.calls[0]!.url).toBe(`${origin}/queue.fal.run/fal-ai/flux/dev?x=1`);
    });

    it("accepts the emulator's own absolute URLs and checks the fal URL they stand for", async () => {
      const { handler, upstream } = proxyWith({ emulatorOrigin: origin });
      const status = `${origin}/queue.fal.run/fal-ai/flux/requests/abc-123/status?logs=1`;
      const ok = await handler(toProxy(status, { method: 'GET' }));
      expect(ok.status).toBe(200);
      expect(upstream.calls.map((r) => r.url)).toEqual([status]);
    });

    it.each([
      ['another port on the same host', 'http://127.0.0.1:4556/fal.run/fal-ai/flux/dev'],
      ['localhost spelled differently', 'http://localhost:4555/fal.run/fal-ai/flux/dev'],
      ['a non-fal host behind the emulator', `${origin}/evil.com/fal-ai/flux/dev`],
      ['an IP behind the emulator', `${origin}/169.254.169.254/latest`],
      ['a port behind the emulator', `${origin}/fal.run:8080/fal-ai/flux/dev`],
      ['userinfo on the emulator', 'http://a:b@127.0.0.1:4555/fal.run/fal-ai/flux/dev'],
      ['encoded dots behind the emulator', `${origin}/fal.run/fal-ai/%2e%2e/x`],
      ['the bare emulator origin', `${origin}/`],
    ])('refuses %s', async (_name, target) => {
      const { handler, upstream } = proxyWith({ emulatorOrigin: origin });
      const response = await handler(toProxy(target, { body: '{}' }));
      expect([400, 403]).toContain(response.status);
      expect(upstream.calls).toHaveLength(0);
    });
  });
});
