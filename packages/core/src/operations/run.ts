import type { FalContext } from '../context';
import { endpointUrl } from '../endpoint/endpointUrls';
import { FalInputError } from '../errors/falInputError';
import { readResponse, requestIdOf } from '../transport/readResponse';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { RunOptions } from '../types/options';
import type { Result } from '../types/result';
import { assertClientTimeout, assertSignal } from '../validation/assertOptions';
import { checkInput, uploadInputFiles } from '../request/prepareInput';
import { requestHeaders } from '../request/requestHeaders';
import { withTimeout } from '../request/withTimeout';

function asQuery(input: unknown): Record<string, string> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new FalInputError('with method "get" the input must be an object of query parameters', 'input');
  }
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value)]));
}

/**
 * `POST https://fal.run/{endpointId}` and resolve with `{ data, requestId }` (docs/protocol.md §3).
 * Everything is validated before the first request; `Blob`s in the input are uploaded first.
 */
export async function run<Id extends EndpointType>(
  ctx: FalContext,
  endpointId: Id,
  options: RunOptions<InputType<Id>> = {},
): Promise<Result<OutputType<Id>>> {
  const method = (options.method ?? 'post').toUpperCase();
  const isGet = method === 'GET';
  checkInput(options.input);
  assertSignal(options.abortSignal);
  const timeoutMs = options.timeout ?? ctx.defaultTimeoutMs;
  assertClientTimeout(timeoutMs);
  const headers = requestHeaders(options);
  const url = endpointUrl(endpointId, 'fal.run', {
    path: options.path,
    query: { ...options.query, ...(isGet ? asQuery(options.input) : {}) },
  });
  const policy = ctx.retryPolicy('run');
  return withTimeout(options.abortSignal, timeoutMs, async (signal) => {
    const input = isGet ? undefined : await uploadInputFiles(ctx, options.input, { ...options, signal });
    const response = await ctx.request({
      method: method as 'POST',
      url,
      json: input,
      headers,
      signal,
      retry: policy,
      onRetry: options.onRetry,
    });
    const requestId = requestIdOf(response);
    return { data: await readResponse<OutputType<Id>>(response, method), requestId };
  });
}
