import { FalInputError } from '../errors/falInputError';

const isBlob = (value: object) => typeof Blob !== 'undefined' && value instanceof Blob;

/**
 * Throw `FalInputError` unless `input` survives `JSON.stringify` unchanged in meaning: no functions,
 * symbols, BigInt, non-finite numbers, cycles, Map/Set or binary buffers (wrap bytes in a `Blob`).
 * `Blob`/`File` values are allowed: they are uploaded and replaced by URLs before sending.
 */
export function assertJsonInput(input: unknown, path = 'input'): void {
  const ancestors: object[] = [];
  const visit = (value: unknown, at: string): void => {
    switch (typeof value) {
      case 'function':
        throw new FalInputError('functions cannot be sent to fal (not JSON-serialisable)', at);
      case 'symbol':
        throw new FalInputError('symbols cannot be sent to fal (not JSON-serialisable)', at);
      case 'bigint':
        throw new FalInputError(
          'BigInt cannot be sent to fal (not JSON-serialisable); use a number or string',
          at,
        );
      case 'number':
        if (!Number.isFinite(value)) {
          throw new FalInputError(`${value} is not representable in JSON (it would become null)`, at);
        }
        return;
      case 'object': {
        if (value === null || isBlob(value) || value instanceof Date) return;
        if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return;
        if (
          value instanceof Map ||
          value instanceof Set ||
          value instanceof WeakMap ||
          value instanceof WeakSet
        ) {
          throw new FalInputError(
            `${value.constructor.name} serialises to {}; convert it to an object or array`,
            at,
          );
        }
        if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
          throw new FalInputError('binary buffers are not JSON; wrap the bytes in a Blob to upload them', at);
        }
        if (ancestors.includes(value)) {
          throw new FalInputError('circular reference (not JSON-serialisable)', at);
        }
        ancestors.push(value);
        if (Array.isArray(value)) {
          for (const [index, item] of value.entries()) visit(item, `${at}[${index}]`);
        } else for (const [key, item] of Object.entries(value)) visit(item, `${at}.${key}`);
        ancestors.pop();
        return;
      }
      default:
        return;
    }
  };
  try {
    visit(input, path);
  } catch (error) {
    // JSON.stringify would overflow the stack too: report it as bad input, not a crash.
    if (error instanceof RangeError) throw new FalInputError('nested too deeply to send as JSON', path);
    throw error;
  }
}
