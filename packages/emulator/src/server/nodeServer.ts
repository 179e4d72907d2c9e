import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { isConnectionDropped } from '../http/connectionDropped.js';
import { nonstandardReasonPhrase } from '../http/jsonResponse.js';
import type { UpgradeHandler } from '../realtime/nodeRealtimeUpgrade.js';

export interface NodeServerOptions {
  port?: number;
  host?: string;
  /** Serves HTTP upgrades (the realtime WebSockets); closed with the server. */
  upgrade?: UpgradeHandler;
}

export interface NodeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a web-standard handler over node:http; a dropped-connection fault destroys the socket. */
export async function startNodeServer(
  handler: (request: Request) => Promise<Response>,
  options: NodeServerOptions = {},
): Promise<NodeServer> {
  const host = options.host ?? '127.0.0.1';
  const listener = getRequestListener(
    async (request, env) => {
      try {
        return streamedIncrementally(await handler(request));
      } catch (error) {
        if (!isConnectionDropped(error)) throw error;
        env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
    },
    // Keep the real global Request/Response: other code in the process (tests, msw) relies on them.
    { overrideGlobalObjects: false },
  );
  const server = createServer((request, response) => {
    // @hono/node-server writes no reason phrase, and Node's own table says "unknown" for 499;
    // writeHead keeps a statusMessage that is already set.
    const writeHead = response.writeHead;
    response.writeHead = ((
      status: number,
      ...rest: Parameters<typeof writeHead> extends [number, ...infer R] ? R : never
    ) => {
      const phrase = nonstandardReasonPhrase(status);
      if (phrase && !response.statusMessage) response.statusMessage = phrase;
      return writeHead.call(response, status, ...(rest as [never]));
    }) as typeof writeHead;
    return listener(request, response);
  });
  // Idle keep-alive connections live 65 s, not Node's 5 s: fetch (undici) keeps a pooled socket about
  // that long, so on a busy machine the server's timer could close it just as the client reused it
  // (ECONNRESET on a request that never reached the server). `close()` still ends every connection.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000; // above keepAliveTimeout, as Node advises
  const upgrade = options.upgrade;
  if (upgrade) server.on('upgrade', (request, socket, head) => upgrade.handle(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        options.upgrade?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Marks event streams as chunked. Without it @hono/node-server buffers a body that is already
 * complete when it first reads it (any instant stream) and sends it with a content-length, turning
 * a body that ends in an error (an abrupt truncation fault) into a clean end. Chunked, the error
 * destroys the socket mid-body, so the client sees the reset a real dropped connection gives.
 */
function streamedIncrementally(response: Response): Response {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body || !type.startsWith('text/event-stream')) return response;
  if (response.headers.has('content-length') || response.headers.has('transfer-encoding')) return response;
  const headers = new Headers(response.headers);
  headers.set('transfer-encoding', 'chunked');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
