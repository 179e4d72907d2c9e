/** Decodes `data:[<type>][;base64],<data>` URLs (what PY's `encode_file` produces). */
export function decodeDataUrl(url: string): { bytes: Uint8Array; contentType: string } | undefined {
  const match = /^data:([^,]*?),(.*)$/s.exec(url);
  if (!match) return undefined;
  const meta = match[1] ?? '';
  const data = match[2] ?? '';
  const isBase64 = /;base64$/i.test(meta);
  const contentType = (isBase64 ? meta.slice(0, -7) : meta).split(';')[0] || 'text/plain';
  try {
    if (!isBase64) return { bytes: new TextEncoder().encode(decodeURIComponent(data)), contentType };
    const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return { bytes, contentType };
  } catch {
    return undefined;
  }
}
