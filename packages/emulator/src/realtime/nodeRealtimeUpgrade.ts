import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { RealtimeGateway } from './realtimeGateway.js';

/** What `startNodeServer` needs to serve WebSocket upgrades. */
export interface UpgradeHandler {
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Terminates every socket this handler accepted. */
  close(): void;
}

function toRequest(request: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(new URL(request.url ?? '/', origin), { headers });
}

/** Writes a plain HTTP answer to a refused upgrade, then ends the socket. */
async function reject(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding') lines.push(`${name}: ${value}`);
  });
  lines.push(`content-length: ${body.length}`, 'connection: close');
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]));
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Serves the gateway's realtime sessions over `ws` on a Node HTTP server's `upgrade` event. */
export function createRealtimeUpgrade(gateway: RealtimeGateway): UpgradeHandler {
  // No compression (fal does not negotiate it) and no size limit (PY sets none either).
  const server = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 0 });
  const sockets = new Set<WebSocket>();
  let closed = false;
  return {
    handle(incoming, socket, head) {
      socket.on('error', () => socket.destroy());
      const request = toRequest(incoming, `http://${incoming.headers.host ?? '127.0.0.1'}`);
      gateway
        .handshake(request)
        .then(async (result) => {
          if (closed) return socket.destroy();
          if (result.kind === 'drop') return socket.destroy();
          if (result.kind === 'reject') return reject(socket, result.response);
          server.handleUpgrade(incoming, socket, head, (ws) => {
            sockets.add(ws);
            const connection = result.open({
              send: (data) => {
                if (ws.readyState === ws.OPEN) ws.send(data, { binary: typeof data !== 'string' });
              },
              close: (code, reason) => ws.close(code, reason),
              terminate: () => ws.terminate(),
            });
            ws.on('message', (data, isBinary) =>
              connection.receive(isBinary ? toBytes(data) : Buffer.from(toBytes(data)).toString('utf8')),
            );
            ws.on('close', () => {
              sockets.delete(ws);
              connection.closed();
            });
            ws.on('error', () => ws.terminate());
          });
        })
        .catch(() => socket.destroy());
    },
    close() {
      closed = true;
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      server.close();
    },
  };
}
