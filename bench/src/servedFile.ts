import type { ServerResponse } from 'node:http';

/** Answers with one built page file, pre-gzipped (-9) as the bundle benches serve every file. */
export function sendBuiltFile(response: ServerResponse, fileName: string, gzipped: Uint8Array): void {
  response.writeHead(200, {
    'content-type': fileName.endsWith('.html') ? 'text/html' : 'text/javascript',
    'content-encoding': 'gzip',
    'content-length': gzipped.length,
    'cache-control': 'no-store',
  });
  response.end(gzipped);
}
