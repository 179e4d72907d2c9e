import { parseByteRange } from './byteRange';
import { randomHex } from './randomHex';
import { type StorageLocation, fileUrl } from './storageLocations';

/**
 * Uploaded and generated files, kept in memory. A file's bytes are stored as the chunks they
 * arrived in (one per multipart part), so assembling a 100 MB upload copies nothing.
 */
export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  chunks: Uint8Array[];
  size: number;
  location: StorageLocation;
  createdAt: number;
  /** Epoch ms after which the file is gone; undefined = never. */
  expiresAt: number | undefined;
  etag: string;
}

export interface NewFile {
  id?: string;
  fileName: string;
  contentType: string;
  chunks: Uint8Array[];
  location: StorageLocation;
  expirationSeconds: number | undefined;
}

// Above this size a response streams the stored chunks instead of copying them into one body.
const STREAM_THRESHOLD = 1024 * 1024;

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private generation = 0;

  constructor(private readonly now: () => number) {}

  newId(): string {
    return randomHex(16);
  }

  save(input: NewFile): StoredFile {
    const id = input.id ?? this.newId();
    const createdAt = this.now();
    this.generation += 1;
    const file: StoredFile = {
      id,
      fileName: input.fileName,
      contentType: input.contentType,
      chunks: input.chunks,
      size: input.chunks.reduce((total, chunk) => total + chunk.byteLength, 0),
      location: input.location,
      createdAt,
      expiresAt:
        input.expirationSeconds === undefined ? undefined : createdAt + input.expirationSeconds * 1000,
      // Files are immutable once saved, so id + generation is a valid strong validator.
      etag: `"${id}-${this.generation.toString(16)}"`,
    };
    this.files.set(id, file);
    return file;
  }

  url(origin: string, file: StoredFile): string {
    return fileUrl(origin, file.location, file.id, file.fileName);
  }

  /** Finds a live file by location-relative path `/files/{id}/{name}`. */
  find(location: StorageLocation, id: string, fileName: string): StoredFile | undefined {
    const file = this.live(id);
    if (!file || file.location !== location || file.fileName !== fileName) return undefined;
    return file;
  }

  live(id: string): StoredFile | undefined {
    const file = this.files.get(id);
    if (!file) return undefined;
    if (this.isExpired(file)) {
      this.files.delete(id);
      return undefined;
    }
    return file;
  }

  /** Drops expired files so their memory is released even if nobody asks for them again. */
  sweep(): void {
    for (const [id, file] of this.files) if (this.isExpired(file)) this.files.delete(id);
  }

  private isExpired(file: StoredFile): boolean {
    return file.expiresAt !== undefined && this.now() >= file.expiresAt;
  }
}

export function fileBytes(file: StoredFile): Uint8Array {
  if (file.chunks.length === 1) return file.chunks[0]!;
  const bytes = new Uint8Array(file.size);
  let offset = 0;
  for (const chunk of file.chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** GET/HEAD for a stored file: Content-Type, Content-Length, ETag, conditional GET and byte ranges. */
export function serveFile(file: StoredFile, request: Request): Response {
  const headers = new Headers({
    'content-type': file.contentType,
    'accept-ranges': 'bytes',
    etag: file.etag,
    'last-modified': new Date(file.createdAt).toUTCString(),
    'cache-control': 'public, max-age=3600',
  });
  const isHead = request.method === 'HEAD';

  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null && etagListMatches(ifNoneMatch, file.etag)) {
    return new Response(null, { status: 304, headers });
  }

  const ifRange = request.headers.get('if-range');
  const rangeHeader = ifRange === null || ifRange === file.etag ? request.headers.get('range') : null;
  const range = parseByteRange(rangeHeader, file.size);

  if (range.kind === 'unsatisfiable') {
    headers.set('content-range', `bytes */${file.size}`);
    headers.set('content-type', 'application/json');
    const body = JSON.stringify({ detail: 'Requested range not satisfiable' });
    return new Response(isHead ? null : body, { status: 416, headers });
  }

  const start = range.kind === 'range' ? range.start : 0;
  const end = range.kind === 'range' ? range.end : file.size - 1;
  const length = Math.max(0, end - start + 1);
  headers.set('content-length', String(length));
  const status = range.kind === 'range' ? 206 : 200;
  if (range.kind === 'range') headers.set('content-range', `bytes ${start}-${end}/${file.size}`);

  if (isHead) return new Response(null, { status, headers });
  return new Response(bodyFor(sliceChunks(file.chunks, start, length), length), { status, headers });
}

function etagListMatches(list: string, etag: string): boolean {
  if (list.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return list.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

/** Views (no copies) over the stored chunks covering `[start, start + length)`. */
function sliceChunks(chunks: Uint8Array[], start: number, length: number): Uint8Array[] {
  const views: Uint8Array[] = [];
  let skip = start;
  let remaining = length;
  for (const chunk of chunks) {
    if (remaining <= 0) break;
    if (skip >= chunk.byteLength) {
      skip -= chunk.byteLength;
      continue;
    }
    const take = Math.min(chunk.byteLength - skip, remaining);
    views.push(chunk.subarray(skip, skip + take));
    remaining -= take;
    skip = 0;
  }
  return views;
}

function bodyFor(views: Uint8Array[], length: number): BodyInit {
  if (length <= STREAM_THRESHOLD) {
    if (views.length === 1) return views[0]! as Uint8Array<ArrayBuffer>;
    const joined = new Uint8Array(length);
    let offset = 0;
    for (const view of views) {
      joined.set(view, offset);
      offset += view.byteLength;
    }
    return joined;
  }
  // Large bodies stream the stored views so serving a big file does not duplicate it in memory.
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const view = views[index++];
      if (view) controller.enqueue(view);
      else controller.close();
    },
  });
}
