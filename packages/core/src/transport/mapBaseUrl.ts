const FAL_HOST = /(^|\.)(fal\.run|fal\.ai|fal\.media)$/;

/**
 * Route a fal URL through one origin as `{baseUrl}/{host}/{path}` (the emulator's mapping), e.g.
 * `https://queue.fal.run/a/b` → `http://127.0.0.1:4000/queue.fal.run/a/b`. Other URLs pass through.
 */
export function mapBaseUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!FAL_HOST.test(parsed.hostname)) return url;
  return `${baseUrl.replace(/\/+$/, '')}/${parsed.host}${parsed.pathname}${parsed.search}`;
}
