import type { FalContext } from '../context';
import { assertJsonInput } from '../validation/assertJsonInput';

/** Validate the input before any request (see `assertJsonInput`). */
export function checkInput(input: unknown): void {
  assertJsonInput(input);
}

/** True when `input` holds a `Blob` or a `data:` URL anywhere (cheap walk, no cycles: input is checked). */
function mayNeedUpload(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('data:');
  if (typeof value !== 'object' || value === null) return false;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true;
  if (Array.isArray(value)) return value.some(mayNeedUpload);
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return false;
  return Object.values(value).some(mayNeedUpload);
}

/**
 * Upload `Blob`s / large data URLs in the input and return the JSON-ready input. The storage code is
 * loaded only when the input may contain files, so `run`-only bundles stay small.
 */
export async function uploadInputFiles<T>(
  ctx: FalContext,
  input: T,
  options: { autoUpload?: boolean; signal?: AbortSignal },
): Promise<T> {
  if (options.autoUpload === false || !mayNeedUpload(input)) return input;
  const { transformInput } = await import('../storage/transformInput');
  return transformInput(ctx, input, { signal: options.signal });
}
