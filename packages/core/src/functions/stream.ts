import { type FalConnection, connectionContext } from '../connection';
import { FalStream } from '../stream/falStream';
import { stream as streamOperation } from '../stream/stream';
import type { StreamOptions } from '../stream/streamOptions';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';

// The stream reader is part of this module: nothing loads after the call.
const streamCode = async () => ({ FalStream });

/** Call a streaming endpoint; iterate the returned `FalStream` or await `done()` (`client.stream`). */
export function stream<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: StreamOptions<InputType<Id>>,
): Promise<FalStream<InputType<Id>, OutputType<Id>>> {
  return streamOperation(connectionContext(connection), endpointId, options, streamCode);
}
