import { abortReason } from '../errors/abortError';
import { NetworkError } from '../errors/networkError';

/**
 * One direct `PUT` of a blob to a signed URL (no auth, no proxy), reporting bytes sent.
 * - Browsers (`XMLHttpRequest` exists): XHR, whose `upload.onprogress` is the only progress source
 *   browsers offer for request bodies; without a progress callback, fetch with the Blob itself.
 * - Elsewhere: fetch with a `ReadableStream` body (`duplex: 'half'`) read from the blob in 64 KiB
 *   chunks, with or without a progress callback. Handing fetch the `Blob` itself makes Node read a
 *   whole part (10 MiB) into one fresh buffer per PUT, which lives as long as the PUT and is freed only
 *   by a full GC: the parts in flight and the ones not yet collected all stay resident. The stream has
 *   no read-ahead (high-water mark 0), so at most one chunk per PUT is read ahead of the socket, and a
 *   chunk is counted once the HTTP stack asks for the next one (it has written the previous one).
 */
export interface PutBlobOptions {
  fetch: typeof fetch;
  contentType?: string;
  signal?: AbortSignal;
  /** Bytes of this blob sent so far (absolute). */
  onSent?: (loaded: number) => void;
}

const CHUNK = 64 * 1024;

export function putBlob(url: string, blob: Blob, options: PutBlobOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.contentType) headers['Content-Type'] = options.contentType;
  if (typeof XMLHttpRequest !== 'undefined') {
    if (options.onSent) return putWithXhr(url, blob, headers, options.onSent, options.signal);
    // Browsers send a Blob from its backing store without copying it, and refuse a streamed request
    // body over HTTP/1.1 ("Failed to fetch"): the Blob itself.
    return options.fetch(url, { method: 'PUT', body: blob, headers, signal: options.signal });
  }
  headers['Content-Length'] = String(blob.size);
  return options.fetch(url, {
    method: 'PUT',
    body: chunkedBody(blob, options.onSent),
    headers,
    signal: options.signal,
    duplex: 'half',
  } as RequestInit);
}

function chunkedBody(blob: Blob, onSent: ((loaded: number) => void) | undefined): ReadableStream<Uint8Array> {
  let offset = 0;
  let handedOut = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Being asked for more means the previous chunk has been consumed by the HTTP stack.
        if (handedOut > 0) onSent?.(handedOut);
        if (offset >= blob.size) {
          controller.close();
          return;
        }
        const end = Math.min(offset + CHUNK, blob.size);
        // One native read per chunk (`arrayBuffer()` would read it and then copy it again).
        const chunk = blob.slice(offset, end);
        offset = end;
        handedOut = end;
        const reader = chunk.stream().getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          controller.enqueue(read.value);
        }
      },
    },
    { highWaterMark: 0 },
  );
}

function putWithXhr(
  url: string,
  blob: Blob,
  headers: Record<string, string>,
  onSent: (loaded: number) => void,
  signal: AbortSignal | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => onSent(event.loaded);
    xhr.onload = () => {
      cleanup();
      resolve(xhrResponse(xhr));
    };
    xhr.onerror = () => {
      cleanup();
      reject(new NetworkError({ cause: new TypeError('Network request failed'), method: 'PUT', url }));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      cleanup();
      reject(signal ? abortReason(signal) : new DOMException('The operation was aborted.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(blob);
  });
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function xhrResponse(xhr: XMLHttpRequest): Response {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const index = line.indexOf(':');
    if (index > 0) headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  const body = NULL_BODY_STATUSES.has(xhr.status) ? null : xhr.responseText;
  return new Response(body, { status: xhr.status, statusText: xhr.statusText, headers });
}
