import type { FalContext } from '../context';
import { queueRequestUrl } from '../endpoint/endpointUrls';
import { FalStream } from '../stream/falStream';
import type { QueueStatus } from '../types/queueStatus';
import { assertConnectionMode, assertSignal } from '../validation/assertOptions';
import type { QueueStatusStreamOptions } from './queueOptions';
import { STATUS_STREAM_IDLE_MS } from './statusStreamIdle';

/**
 * The raw status event stream (`GET .../status/stream`, docs/protocol.md §4.3) as a `FalStream`: `done()`
 * resolves with the `COMPLETED` status. No reconnects here — `subscribe` does those.
 */
export async function streamStatus(
  ctx: FalContext,
  endpointId: string,
  options: QueueStatusStreamOptions,
): Promise<FalStream<unknown, QueueStatus>> {
  assertSignal(options.abortSignal);
  assertConnectionMode(options.connectionMode);
  const url = queueRequestUrl(endpointId, options.requestId, '/status/stream', {
    logs: options.logs ? '1' : '0',
  });
  return new FalStream<unknown, QueueStatus>(
    endpointId,
    ctx,
    {
      method: 'get',
      connectionMode: options.connectionMode,
      signal: options.abortSignal,
      timeout: STATUS_STREAM_IDLE_MS,
    },
    url,
  );
}
