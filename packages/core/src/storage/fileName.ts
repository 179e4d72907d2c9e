/**
 * The `file_name` sent on upload initiation (§6.1): the `File`'s own name, else
 * `{Date.now()}.{subtype}` with the subtype cut at the first `-` or `;`
 * (`image/png` → `png`, `application/octet-stream` → `octet`).
 */
export function uploadFileName(blob: Blob, contentType: string): string {
  const name = (blob as Partial<File>).name;
  if (typeof name === 'string' && name.length > 0) return name;
  const subtype = contentType.split('/')[1]?.split(/[-;]/)[0]?.trim();
  return `${Date.now()}.${subtype || 'bin'}`;
}

export function uploadContentType(blob: Blob): string {
  return blob.type || 'application/octet-stream';
}
