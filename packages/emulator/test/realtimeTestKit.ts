import { decode, encode } from '@msgpack/msgpack';
import { WebSocket } from 'ws';

/** A frame as the test sees it: binary frames decoded from msgpack, text frames parsed as JSON. */
export type Frame = { binary: true; value: unknown } | { binary: false; value: Record<string, unknown> };

export interface TestSocket {
  ws: WebSocket;
  /** Resolves with the next frame (frames are queued, none is lost). */
  next(): Promise<Frame>;
  /** Next binary (result) frame, skipping `x-fal-message` meta frames; text errors come through too. */
  nextResult(): Promise<Frame>;
  sendMsgpack(value: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

export function wsUrl(httpUrl: string, path: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}${path}`;
}

/** Opens a socket; rejects with `{ status, body }` when the handshake is refused. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: Frame[] = [];
    const waiters: ((frame: Frame) => void)[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    );
    ws.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const frame: Frame = isBinary
        ? { binary: true, value: decode(new Uint8Array(buffer)) }
        : { binary: false, value: JSON.parse(buffer.toString('utf8')) };
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else frames.push(frame);
    });
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => {
        reject({ status: response.statusCode, body: body ? JSON.parse(body) : undefined });
        ws.terminate();
      });
    });
    ws.on('error', () => {});
    const next = () =>
      new Promise<Frame>((done) => {
        const frame = frames.shift();
        if (frame) done(frame);
        else waiters.push(done);
      });
    const nextResult = async (): Promise<Frame> => {
      for (;;) {
        const frame = await next();
        if (!frame.binary && frame.value.type === 'x-fal-message') continue;
        return frame;
      }
    };
    ws.on('open', () =>
      resolve({ ws, next, nextResult, sendMsgpack: (value) => ws.send(encode(value)), closed }),
    );
  });
}
