import { abortReason } from '../errors/abortError';
import { NetworkError } from '../errors/networkError';
import { type UploadBody, bodySize } from './uploadSource';

/**
 * One direct `PUT` of an upload body (a whole file or one part) to a signed URL (no auth, no proxy),
 * reporting bytes sent.
 * - Browsers (`XMLHttpRequest` exists): XHR, whose `upload.onprogress` is the only progress source
 *   browsers offer for request bodies; without a progress callback, fetch with the body itself. Both
 *   take a `Blob` or a byte view as they are (the browser copies the bytes into its network stack
 *   either way; wrapping bytes in a `Blob` first would copy them once more). Browsers refuse views of a
 *   `SharedArrayBuffer`: those bytes are copied, one body (a part, or a file under the multipart
 *   threshold) at a time.
 * - Elsewhere: fetch with a `ReadableStream` body (`duplex: 'half'`) of 64 KiB chunks, with or without
 *   a progress callback. Bytes are enqueued as `subarray` views of the caller's buffer, which Node's
 *   HTTP stack writes to the socket as they are: sending bytes allocates nothing proportional to
 *   their size. A `Blob` is read one chunk at a time (each read is a fresh buffer, garbage once
 *   written); handing fetch the `Blob` itself makes Node read a whole part (10 MiB) into one buffer per
 *   PUT. The stream has no read-ahead (high-water mark 0), so at most one chunk per PUT is handed out
 *   ahead of the socket, and a chunk is counted once the HTTP stack asks for the next one (it has
 *   written the previous one).
 */
export interface PutBodyOptions {
  fetch: typeof fetch;
  contentType?: string;
  signal?: AbortSignal;
  /** Bytes of this body sent so far (absolute). */
  onSent?: (loaded: number) => void;
}

const CHUNK = 64 * 1024;

export function putBody(url: string, body: UploadBody, options: PutBodyOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.contentType) headers['Content-Type'] = options.contentType;
  if (typeof XMLHttpRequest !== 'undefined') {
    // Browsers' fetch and XHR refuse a view of shared memory: such bytes go as a copy of this body.
    const sendable = isSharedView(body) ? body.slice() : body;
    if (options.onSent) return putWithXhr(url, sendable, headers, options.onSent, options.signal);
    // Browsers send a Blob from its backing store without copying it, and refuse a streamed request
    // body over HTTP/1.1 ("Failed to fetch"): the body itself.
    return options.fetch(url, { method: 'PUT', body: sendable as BodyInit, headers, signal: options.signal });
  }
  headers['Content-Length'] = String(bodySize(body));
  return options.fetch(url, {
    method: 'PUT',
    body: chunkedBody(body, options.onSent),
    headers,
    signal: options.signal,
    duplex: 'half',
  } as RequestInit);
}

function isSharedView(body: UploadBody): body is Uint8Array {
  return (
    body instanceof Uint8Array &&
    typeof SharedArrayBuffer !== 'undefined' &&
    body.buffer instanceof SharedArrayBuffer
  );
}

function chunkedBody(
  body: UploadBody,
  onSent: ((loaded: number) => void) | undefined,
): ReadableStream<Uint8Array> {
  const size = bodySize(body);
  let offset = 0;
  let handedOut = 0;
  // A default (not a byte) stream: it hands the views on as they are, where a byte stream's
  // `enqueue` would transfer (detach) the caller's buffer.
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Being asked for more means the previous chunk has been consumed by the HTTP stack.
        if (handedOut > 0) onSent?.(handedOut);
        if (offset >= size) {
          controller.close();
          return;
        }
        const start = offset;
        const end = Math.min(start + CHUNK, size);
        offset = end;
        handedOut = end;
        if (body instanceof Uint8Array) {
          controller.enqueue(body.subarray(start, end));
          return;
        }
        // One native read per chunk (`arrayBuffer()` would read it and then copy it again).
        const reader = body.slice(start, end).stream().getReader();
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
  body: UploadBody,
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
    xhr.send(body as XMLHttpRequestBodyInit);
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
