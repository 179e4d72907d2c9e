import { type FalConnection, connectionContext } from '../connection';
import { run as runOperation } from '../operations/run';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { RunOptions } from '../types/options';
import type { Result } from '../types/result';

/** Run an endpoint directly (`https://fal.run`) and resolve with `{ data, requestId }` (`client.run`). */
export function run<Id extends EndpointType>(
  connection: FalConnection,
  endpointId: Id,
  options?: RunOptions<InputType<Id>>,
): Promise<Result<OutputType<Id>>> {
  return runOperation(connectionContext(connection), endpointId, options);
}
