import type { FalContext } from '../context';
import { endpointUrl } from '../endpoint/endpointUrls';
import { parseEndpointId } from '../endpoint/parseEndpointId';
import { FalInputError } from '../errors/falInputError';
import { checkInput, uploadInputFiles } from '../request/prepareInput';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import { FalStream } from './falStream';
import type { StreamOptions } from './streamOptions';

/**
 * Starts a streaming request and resolves once it is under way (after auto-uploading `Blob`s in the
 * input). Bad options and input throw `FalInputError` before anything is sent.
 */
export async function stream<Id extends EndpointType>(
  ctx: FalContext,
  endpointId: Id,
  options: StreamOptions<InputType<Id>> = {},
): Promise<FalStream<InputType<Id>, OutputType<Id>>> {
  assertStreamOptions(options);
  parseEndpointId(endpointId);
  const url = options.url ?? streamUrl(endpointId, options.queryParams);
  checkInput(options.input);
  const signal = options.signal ?? options.abortSignal;
  const input = await uploadInputFiles(ctx, options.input, { autoUpload: options.autoUpload, signal });
  return new FalStream<InputType<Id>, OutputType<Id>>(endpointId, ctx, { ...options, input }, url);
}

/** `https://fal.run/{endpointId}/stream` (`/stream` is not doubled), plus query parameters. */
export function streamUrl(endpointId: string, queryParams?: Record<string, string>): string {
  const path = /\/stream\/?$/.test(endpointId.split('?')[0] ?? '') ? undefined : 'stream';
  return endpointUrl(endpointId, 'fal.run', { path, query: queryParams });
}

function assertStreamOptions(options: StreamOptions<unknown>): void {
  if (typeof options !== 'object' || options === null)
    throw new FalInputError('must be an object', 'options');
  const { timeout, method, accept, connectionMode, url, tokenProvider } = options;
  if (timeout !== undefined && (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout <= 0)) {
    throw new FalInputError(
      `must be a positive number of milliseconds (or Infinity), got ${String(timeout)}`,
      'timeout',
    );
  }
  if (method !== undefined && (typeof method !== 'string' || !/^[a-z]+$/i.test(method))) {
    throw new FalInputError(`must be an HTTP method, got ${String(method)}`, 'method');
  }
  if (accept !== undefined && typeof accept !== 'string')
    throw new FalInputError('must be a string', 'accept');
  if (connectionMode !== undefined && connectionMode !== 'client' && connectionMode !== 'server') {
    throw new FalInputError(`must be 'client' or 'server', got ${String(connectionMode)}`, 'connectionMode');
  }
  if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//i.test(url))) {
    throw new FalInputError(`must be an absolute http(s) URL, got ${String(url)}`, 'url');
  }
  if (tokenProvider !== undefined && typeof tokenProvider !== 'function') {
    throw new FalInputError('must be a function', 'tokenProvider');
  }
  for (const name of ['signal', 'abortSignal'] as const) {
    const signal = options[name];
    if (signal !== undefined && !(signal instanceof AbortSignal))
      throw new FalInputError('must be an AbortSignal', name);
  }
}

/** `client.stream`, bound to a context. */
export interface StreamApi {
  stream<Id extends EndpointType>(
    endpointId: Id,
    options?: StreamOptions<InputType<Id>>,
  ): Promise<FalStream<InputType<Id>, OutputType<Id>>>;
}
