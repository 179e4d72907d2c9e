import type { FalContext } from '../context';
import { endpointUrl } from '../endpoint/endpointUrls';
import { parseEndpointId } from '../endpoint/parseEndpointId';
import { FalInputError } from '../errors/falInputError';
import { checkInput, uploadInputFiles } from '../request/prepareInput';
import { assertConnectionMode, assertSignal } from '../validation/assertOptions';
import type { EndpointType, InputType, OutputType } from '../types/endpoints';
import type { FalStream, StartedRequest } from './falStream';
import { loadOnce } from '../util/loadOnce';
import { openStream } from './openStream';
import type { StreamOptions } from './streamOptions';

/** Where `FalStream` comes from: the client's lazily loaded stream module. */
export type LoadFalStream = () => Promise<{ FalStream: typeof FalStream }>;

/**
 * Starts a streaming request and resolves once it is under way (after auto-uploading `Blob`s in the
 * input). Bad options and input throw `FalInputError` before anything is sent. The request leaves
 * from this (already loaded) code and `loadFalStream` fetches the rest once it is on its way, so the
 * first call of a page does not wait for a chunk before its request.
 */
export async function stream<Id extends EndpointType>(
  ctx: FalContext,
  endpointId: Id,
  options: StreamOptions<InputType<Id>> = {},
  loadFalStream: LoadFalStream,
): Promise<FalStream<InputType<Id>, OutputType<Id>>> {
  assertStreamOptions(options);
  parseEndpointId(endpointId);
  const url = options.url ?? streamUrl(endpointId, options.queryParams);
  checkInput(options.input);
  const signal = options.signal ?? options.abortSignal;
  const code = loadOnce(loadFalStream);
  const input = await uploadInputFiles(ctx, options.input, { autoUpload: options.autoUpload, signal });
  const prepared = { ...options, input };
  let started: StartedRequest | undefined;
  if (!signal?.aborted) {
    const controller = new AbortController();
    let markSent = () => {};
    const sent = new Promise<void>((resolve) => {
      markSent = resolve;
    });
    const onSent = () => {
      void code();
      markSent();
    };
    started = { controller, response: openStream(ctx, endpointId, url, prepared, controller.signal, onSent) };
    const settled = started.response.then(
      () => {},
      () => {}, // the stream reads and reports it
    );
    // The code loads once the request is on its way (or has failed before it could be sent).
    await Promise.race([sent, settled]);
  }
  let loaded: Awaited<ReturnType<LoadFalStream>>;
  try {
    loaded = await code();
  } catch (error) {
    started?.controller.abort(error);
    throw error;
  }
  return new loaded.FalStream<InputType<Id>, OutputType<Id>>(endpointId, ctx, prepared, url, started);
}

/** `https://fal.run/{endpointId}/stream` (`/stream` is not doubled), plus query parameters. */
export function streamUrl(endpointId: string, queryParams?: Record<string, string>): string {
  const path = /\/stream\/?$/.test(endpointId.split('?')[0] ?? '') ? undefined : 'stream';
  return endpointUrl(endpointId, 'fal.run', { path, query: queryParams });
}

function assertStreamOptions(options: StreamOptions<unknown>): void {
  if (typeof options !== 'object' || options === null)
    throw new FalInputError('must be an object', 'options');
  const { timeout, method, accept, url, tokenProvider } = options;
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
  assertConnectionMode(options.connectionMode);
  if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//i.test(url))) {
    throw new FalInputError(`must be an absolute http(s) URL, got ${String(url)}`, 'url');
  }
  if (tokenProvider !== undefined && typeof tokenProvider !== 'function') {
    throw new FalInputError('must be a function', 'tokenProvider');
  }
  assertSignal(options.signal, 'signal');
  assertSignal(options.abortSignal);
}

/** `client.stream`, bound to a context. */
export interface StreamApi {
  stream<Id extends EndpointType>(
    endpointId: Id,
    options?: StreamOptions<InputType<Id>>,
  ): Promise<FalStream<InputType<Id>, OutputType<Id>>>;
}
