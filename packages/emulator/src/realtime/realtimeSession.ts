import { AppError, isRecord } from '../apps/appTypes.js';
import { TIMEOUT_REASON, decodeInput, encodeOutput, errorFrame, timingsFrame } from './realtimeMessages.js';
import type { RealtimeContext, RealtimeHandler, RealtimeSocket } from './realtimeTypes.js';

/** Close code for an abnormal closure: cannot be sent in a close frame, so the socket is reset instead. */
export const ABNORMAL_CLOSURE = 1006;

export interface CloseFault {
  code: number;
  /** Results sent before the close (0 = right after the handshake). */
  afterMessages: number;
  reason?: string;
}

export interface RealtimeSessionInit {
  socket: RealtimeSocket;
  handler: RealtimeHandler;
  /** A realtime handler sends every yielded value; an HTTP app's generator only its final one. */
  sendEachYield: boolean;
  /** Inputs waiting while one is processed; the oldest is dropped beyond this (fal's deque). */
  buffering: number;
  /** Quiet time before `TIMEOUT`; 0 disables it. */
  timeoutMs: number;
  closeFault?: CloseFault;
  newRequestId(): string;
  createContext(input: unknown, requestId: string, signal: AbortSignal): RealtimeContext;
  /** Called once, however the session ends. */
  onEnd(): void;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function errorReason(error: unknown): string {
  if (error instanceof AppError) return JSON.stringify(error.body);
  return error instanceof Error ? error.message : String(error);
}

/** One WebSocket connection: a capped input deque served by one worker, a session timeout, faults. */
export class RealtimeSession {
  private readonly init: RealtimeSessionInit;
  private readonly inputs: unknown[] = [];
  private readonly abort = new AbortController();
  private busy = false;
  private ended = false;
  private sent = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(init: RealtimeSessionInit) {
    this.init = init;
    if (init.closeFault?.afterMessages === 0) this.tripCloseFault();
    else this.armTimeout();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** A frame from the client. */
  receive(data: Uint8Array | string): void {
    if (this.ended) return;
    let input: unknown;
    try {
      input = decodeInput(data);
    } catch (error) {
      this.init.socket.send(
        errorFrame('INVALID_INPUT', `could not decode the message: ${(error as Error).message}`),
      );
      return;
    }
    this.inputs.push(input);
    while (this.inputs.length > this.init.buffering) this.inputs.shift();
    this.armTimeout();
    void this.drain();
  }

  /** The client went away: stop work and timers. */
  closed(): void {
    this.end();
  }

  /** Server-side close (emulator reset or shutdown). */
  close(code = 1001, reason = 'emulator closing'): void {
    if (this.ended) return;
    this.end();
    this.init.socket.close(code, reason);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.inputs.length = 0;
    this.abort.abort(new DOMException('realtime connection closed', 'AbortError'));
    this.init.onEnd();
  }

  private armTimeout(): void {
    clearTimeout(this.timer);
    if (this.ended || this.init.timeoutMs <= 0) return;
    this.timer = setTimeout(() => {
      if (this.busy || this.inputs.length > 0) return this.armTimeout();
      this.init.socket.send(errorFrame('TIMEOUT', TIMEOUT_REASON));
      this.close(1000, 'timeout');
    }, this.init.timeoutMs);
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (!this.ended && this.inputs.length > 0) await this.process(this.inputs.shift());
    } finally {
      this.busy = false;
    }
    if (!this.ended) this.armTimeout();
  }

  private async process(input: unknown): Promise<void> {
    const givenId = isRecord(input) && typeof input.request_id === 'string' ? input.request_id : undefined;
    const requestId = givenId ?? this.init.newRequestId();
    const started = Date.now();
    const emit = (output: unknown) => {
      if (this.ended) return;
      const withId =
        givenId !== undefined && isRecord(output) && !('request_id' in output)
          ? { ...output, request_id: givenId }
          : output;
      this.init.socket.send(encodeOutput(withId ?? null));
      this.init.socket.send(timingsFrame((Date.now() - started) / 1000));
      this.sent++;
      if (this.init.closeFault && this.sent >= this.init.closeFault.afterMessages) this.tripCloseFault();
    };
    try {
      const result = await this.init.handler(this.init.createContext(input, requestId, this.abort.signal));
      if (!isAsyncIterable(result)) return emit(result);
      // Iterated by hand: a generator's `return` value is its final output, and for-await drops it.
      const iterator = result[Symbol.asyncIterator]();
      let last: unknown;
      let hasLast = false;
      try {
        for (;;) {
          const step = await iterator.next();
          if (this.ended || (step.done && step.value === undefined)) break;
          if (this.init.sendEachYield) emit(step.value);
          else {
            last = step.value;
            hasLast = true;
          }
          if (step.done) break;
        }
      } finally {
        if (this.ended) await iterator.return?.().catch(() => {});
      }
      if (hasLast) emit(last);
    } catch (error) {
      if (this.ended) return;
      const kind = error instanceof AppError && error.status === 422 ? 'VALIDATION_ERROR' : 'INTERNAL_ERROR';
      this.init.socket.send(errorFrame(kind, errorReason(error)));
    }
  }

  private tripCloseFault(): void {
    const fault = this.init.closeFault;
    if (!fault || this.ended) return;
    this.end();
    if (fault.code === ABNORMAL_CLOSURE && this.init.socket.terminate) this.init.socket.terminate();
    else this.init.socket.close(fault.code, fault.reason ?? 'closed by fault');
  }
}
