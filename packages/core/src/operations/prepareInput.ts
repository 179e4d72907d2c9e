import type { FalContext } from '../context';
import { transformInput } from '../storage/transformInput';
import { assertJsonInput } from '../validation/assertJsonInput';

/** Validate (no request yet), then upload `Blob`s / large data URLs and return the JSON-ready input. */
export function checkInput(input: unknown): void {
  assertJsonInput(input);
}

export async function uploadInputFiles<T>(
  ctx: FalContext,
  input: T,
  options: { autoUpload?: boolean; signal?: AbortSignal },
): Promise<T> {
  if (input === undefined || input === null || options.autoUpload === false) return input;
  return transformInput(ctx, input, { signal: options.signal });
}
