/**
 * Thrown by `emulator.fetch` when a fault drops the connection. It looks like a network failure to
 * fetch callers (`TypeError: fetch failed`, cause code `ECONNRESET`); the Node server destroys the
 * socket and the msw handlers answer with a network error.
 */
export class ConnectionDropped extends TypeError {
  constructor() {
    super('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    this.name = 'TypeError';
  }
}

export function isConnectionDropped(error: unknown): error is ConnectionDropped {
  return error instanceof ConnectionDropped;
}
