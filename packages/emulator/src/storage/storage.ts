import type { RouteInfo } from '../routeInfo';
import { CDN_TOKEN_TYPE, CdnTokens, isoWithOffset } from './cdnTokens';
import { FileStore, fileBytes, serveFile } from './fileStore';
import { readJsonBody } from '../http/readBody.js';
import { detailResponse, jsonResponse, validationResponse } from '../http/jsonResponse.js';
import { readObjectLifecycle } from './objectLifecycle';
import {
  DEFAULT_LOCATION,
  REST_HOSTS,
  STORAGE_TYPES,
  type StorageLocation,
  type StorageType,
  fileUrl,
  isStorageType,
  locationFor,
  locationUrl,
  matchLocation,
  sanitizeFileName,
  trimOrigin,
} from './storageLocations';
import {
  MAX_PART_NUMBER,
  type UploadFlow,
  type UploadSession,
  UploadSessions,
  assembleParts,
  partEtag,
} from './uploadSessions';

import { joinChunks } from '../http/readBody';
import { DEFAULT_MAX_UPLOAD_BYTES, readUploadBody } from './uploadBody';

export type { RouteInfo } from '../routeInfo';
export { DEFAULT_MAX_UPLOAD_BYTES };

export interface StorageOptions {
  /** Clock in epoch ms; drives file lifecycle expiry, signed-URL and token validity. */
  now?: () => number;
  /** Largest upload request body (signed PUT, multipart part, CDN-token upload); 413 past it. Default 100 MiB. */
  maxUploadBytes?: number;
}

export interface PutOptions {
  /** Public emulator origin used to build the returned URL, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  fileName?: string;
  /** Seconds until the file expires (404 afterwards); omit for never. */
  lifecycleSeconds?: number;
}

/**
 * fal storage, in memory: the JS signed-URL flow (`storage/upload/initiate[-multipart]`), the PY
 * CDN token flow (`storage/auth/token`, `v3.fal.media/files/upload[/multipart]`), the gcs fallback,
 * and the files themselves with Range support and lifecycle expiry.
 */
export interface Storage {
  /** Answers a storage request, or resolves `undefined` when the route is not a storage route. */
  handle(request: Request, route: RouteInfo): Promise<Response | undefined>;
  /** Stores bytes (e.g. a model output) and returns their absolute file URL. */
  put(bytes: Uint8Array, contentType: string, options: PutOptions): string;
  /** Looks up a live file by absolute URL, in emulator form (`{origin}/{host}/...`) or real form (`https://{host}/...`). */
  get(url: string): { bytes: Uint8Array; contentType: string } | undefined;
}

// Sweeping expired entries is O(n); doing it at most this often keeps requests cheap.
const SWEEP_INTERVAL_MS = 1000;

export function createStorage(options: StorageOptions = {}): Storage {
  const now = options.now ?? Date.now;
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes < 0) {
    throw new TypeError('maxUploadBytes must be a non-negative integer number of bytes');
  }
  const files = new FileStore(now);
  const sessions = new UploadSessions(now);
  const tokens = new CdnTokens(now);
  let lastSweep = Number.NEGATIVE_INFINITY;

  function sweep(): void {
    const at = now();
    if (at - lastSweep < SWEEP_INTERVAL_MS) return;
    lastSweep = at;
    files.sweep();
    sessions.sweep();
    tokens.sweep();
  }

  async function handle(request: Request, route: RouteInfo): Promise<Response | undefined> {
    const host = route.host.toLowerCase();
    if (REST_HOSTS.has(host)) {
      if (!route.path.startsWith('/storage/')) return undefined;
      sweep();
      return handleRest(request, route);
    }
    const matched = matchLocation(host, route.path);
    if (!matched) return undefined;
    sweep();
    return handleCdn(request, route, matched.location, matched.rest);
  }

  // --- rest.fal.ai/storage/* -------------------------------------------------------------------

  async function handleRest(request: Request, route: RouteInfo): Promise<Response> {
    const restPaths: Record<string, (type: StorageType) => Promise<Response>> = {
      '/storage/upload/initiate': (type) => initiate(request, route, type, 'single'),
      '/storage/upload/initiate-multipart': (type) => initiate(request, route, type, 'multipart'),
      '/storage/auth/token': (type) => Promise.resolve(issueToken(route, type)),
    };
    const path = route.path.replace(/\/+$/, '');
    const action = restPaths[path];
    if (!action) return detailResponse(404, 'Not Found');
    if (request.method !== 'POST') return detailResponse(405, 'Method Not Allowed');

    const requested = new URLSearchParams(route.search).get('storage_type') ?? 'fal-cdn-v3';
    if (!isStorageType(requested)) {
      return validationResponse(
        ['query', 'storage_type'],
        `value is not a valid enumeration member; permitted: ${STORAGE_TYPES.map((t) => `'${t}'`).join(', ')}`,
        'type_error.enum',
      );
    }
    return action(requested);
  }

  async function initiate(
    request: Request,
    route: RouteInfo,
    type: StorageType,
    kind: 'single' | 'multipart',
  ): Promise<Response> {
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const input = body.value as { content_type?: unknown; file_name?: unknown } | null;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return validationResponse(['body'], 'value is not a valid dict', 'type_error.dict');
    }
    if (typeof input.content_type !== 'string' || input.content_type.trim() === '') {
      return validationResponse(['body', 'content_type'], 'field required', 'value_error.missing');
    }
    if (input.file_name !== undefined && input.file_name !== null && typeof input.file_name !== 'string') {
      return validationResponse(['body', 'file_name'], 'str type expected', 'type_error.str');
    }
    const lifecycle = readObjectLifecycle(request.headers);
    if (!lifecycle.ok) return detailResponse(400, lifecycle.error);

    const location = locationFor(type);
    const session = sessions.create({
      kind,
      flow: 'signed',
      location,
      fileId: files.newId(),
      fileName: sanitizeFileName(input.file_name as string | undefined, input.content_type),
      contentType: input.content_type,
      expirationSeconds: lifecycle.expirationSeconds,
    });
    const base = locationUrl(route.origin, location);
    const query = `?expires=${Math.floor(session.validUntil / 1000)}&signature=${session.secret}`;
    const uploadPath = kind === 'single' ? 'upload' : 'multipart';
    return jsonResponse({
      upload_url: `${base}/${uploadPath}/${session.id}${query}`,
      file_url: sessionFileUrl(route.origin, session),
    });
  }

  function issueToken(route: RouteInfo, type: StorageType): Response {
    const location = locationFor(type);
    if (!location.acceptsCdnTokens) {
      return detailResponse(400, `Storage type '${type}' does not issue CDN tokens; use 'fal-cdn-v3'`);
    }
    const { token, expiresAt } = tokens.issue();
    return jsonResponse({
      token,
      token_type: CDN_TOKEN_TYPE,
      base_url: locationUrl(route.origin, location),
      expires_at: isoWithOffset(expiresAt),
    });
  }

  // --- CDN hosts ----------------------------------------------------------------------------------

  async function handleCdn(
    request: Request,
    route: RouteInfo,
    location: StorageLocation,
    rest: string,
  ): Promise<Response> {
    const segments = splitPath(rest);
    if (!segments) return detailResponse(404, 'Not Found');
    const method = request.method;
    const [first, second, third, fourth, fifth, sixth] = segments;
    const count = segments.length;

    // PY token flow: POST /files/upload and POST /files/upload/multipart
    if (first === 'files' && second === 'upload' && (count === 2 || (count === 3 && third === 'multipart'))) {
      if (method !== 'POST') return detailResponse(405, 'Method Not Allowed');
      if (!location.acceptsCdnTokens) return detailResponse(404, 'Not Found');
      if (!tokens.authorizes(request.headers)) return detailResponse(401, 'Invalid or expired CDN token');
      return count === 2
        ? uploadWithToken(request, route, location)
        : createTokenMultipart(request, route, location);
    }

    // Files: GET|HEAD /files/{id}/{name}
    if (first === 'files' && count === 3) {
      if (method !== 'GET' && method !== 'HEAD') return detailResponse(405, 'Method Not Allowed');
      const file = files.find(location, second!, third!);
      return file ? serveFile(file, request) : detailResponse(404, 'File not found');
    }

    // PY multipart: /files/{id}/{name}/multipart/{uploadId}/{partNumber|complete}
    if (first === 'files' && count === 6 && fourth === 'multipart') {
      if (!tokens.authorizes(request.headers)) return detailResponse(401, 'Invalid or expired CDN token');
      const session = sessions.get(fifth!);
      if (
        session?.flow !== 'cdn-token' ||
        session.location !== location ||
        session.fileId !== second ||
        session.fileName !== third
      ) {
        return detailResponse(404, 'Upload not found');
      }
      return multipartStep(request, route, session, sixth!);
    }

    // JS signed flow: PUT /upload/{id}, PUT /multipart/{id}/{n}, POST /multipart/{id}/complete
    if ((first === 'upload' && count === 2) || (first === 'multipart' && count === 3)) {
      const session = sessions.get(second!);
      const kind = first === 'upload' ? 'single' : 'multipart';
      if (session?.flow !== 'signed' || session.kind !== kind || session.location !== location) {
        return detailResponse(404, 'Upload not found');
      }
      if (new URLSearchParams(route.search).get('signature') !== session.secret) {
        return detailResponse(403, 'Invalid upload signature');
      }
      if (kind === 'single') {
        if (method !== 'PUT') return detailResponse(405, 'Method Not Allowed');
        return uploadSigned(request, session);
      }
      return multipartStep(request, route, session, third!);
    }

    return detailResponse(404, 'Not Found');
  }

  async function uploadSigned(request: Request, session: UploadSession): Promise<Response> {
    const body = await readUploadBody(request, maxUploadBytes);
    if (!body.ok) return body.response;
    if (!sessions.isLive(session)) return detailResponse(404, 'Upload not found');
    // A signed URL may be used again until it expires; the newest upload wins.
    const file = files.save({
      id: session.fileId,
      fileName: session.fileName,
      contentType: request.headers.get('content-type') || session.contentType,
      chunks: body.chunks,
      location: session.location,
      expirationSeconds: session.expirationSeconds,
    });
    return new Response(null, { status: 200, headers: { etag: file.etag } });
  }

  async function uploadWithToken(
    request: Request,
    route: RouteInfo,
    location: StorageLocation,
  ): Promise<Response> {
    const lifecycle = readObjectLifecycle(request.headers);
    if (!lifecycle.ok) return detailResponse(400, lifecycle.error);
    const contentType = request.headers.get('content-type') || 'application/octet-stream';
    const body = await readUploadBody(request, maxUploadBytes);
    if (!body.ok) return body.response;
    const file = files.save({
      fileName: sanitizeFileName(request.headers.get('x-fal-file-name'), contentType),
      contentType,
      chunks: body.chunks,
      location,
      expirationSeconds: lifecycle.expirationSeconds,
    });
    return jsonResponse({ access_url: files.url(route.origin, file) });
  }

  function createTokenMultipart(request: Request, route: RouteInfo, location: StorageLocation): Response {
    const lifecycle = readObjectLifecycle(request.headers);
    if (!lifecycle.ok) return detailResponse(400, lifecycle.error);
    const contentType = request.headers.get('content-type') || 'application/octet-stream';
    const session = sessions.create({
      kind: 'multipart',
      flow: 'cdn-token',
      location,
      fileId: files.newId(),
      fileName: sanitizeFileName(request.headers.get('x-fal-file-name'), contentType),
      contentType,
      expirationSeconds: lifecycle.expirationSeconds,
    });
    return jsonResponse({ access_url: sessionFileUrl(route.origin, session), uploadId: session.id });
  }

  /** `PUT .../{partNumber}` stores a part; `POST .../complete` assembles the file. */
  async function multipartStep(
    request: Request,
    route: RouteInfo,
    session: UploadSession,
    step: string,
  ): Promise<Response> {
    if (step === 'complete') {
      if (request.method !== 'POST') return detailResponse(405, 'Method Not Allowed');
      return completeMultipart(request, route, session);
    }
    if (request.method !== 'PUT') return detailResponse(405, 'Method Not Allowed');
    const partNumber = /^\d{1,5}$/.test(step) ? Number(step) : Number.NaN;
    if (!(partNumber >= 1 && partNumber <= MAX_PART_NUMBER)) {
      return detailResponse(400, `Part number must be an integer between 1 and ${MAX_PART_NUMBER}`);
    }
    const body = await readUploadBody(request, maxUploadBytes);
    if (!body.ok) return body.response;
    const bytes = joinChunks(body.chunks, body.size);
    const etag = await partEtag(bytes);
    // The upload may have been completed or expired while this part's body was arriving.
    if (!sessions.isLive(session)) return detailResponse(404, 'Upload not found');
    session.parts.set(partNumber, { bytes, etag });
    return jsonResponse({ partNumber, etag }, 200, { etag: `"${etag}"` });
  }

  async function completeMultipart(
    request: Request,
    route: RouteInfo,
    session: UploadSession,
  ): Promise<Response> {
    const body = await readJson(request);
    if (!body.ok) return body.response;
    if (!sessions.isLive(session)) return detailResponse(404, 'Upload not found');
    const assembled = assembleParts(session, body.value);
    if (!assembled.ok) return detailResponse(assembled.status, assembled.detail);
    sessions.finish(session);
    const file = files.save({
      id: session.fileId,
      fileName: session.fileName,
      contentType: session.contentType,
      chunks: assembled.chunks,
      location: session.location,
      expirationSeconds: session.expirationSeconds,
    });
    const url = files.url(route.origin, file);
    const answer: Record<UploadFlow, object> = {
      signed: { file_url: url },
      'cdn-token': { access_url: url },
    };
    return jsonResponse(answer[session.flow], 200, { etag: file.etag });
  }

  function sessionFileUrl(origin: string, session: UploadSession): string {
    return fileUrl(origin, session.location, session.fileId, session.fileName);
  }

  function put(bytes: Uint8Array, contentType: string, putOptions: PutOptions): string {
    sweep();
    const seconds = putOptions.lifecycleSeconds;
    const file = files.save({
      fileName: sanitizeFileName(putOptions.fileName, contentType, 'output'),
      contentType,
      chunks: [bytes],
      location: DEFAULT_LOCATION,
      expirationSeconds: seconds !== undefined && seconds > 0 ? seconds : undefined,
    });
    return files.url(trimOrigin(putOptions.origin), file);
  }

  function get(url: string): { bytes: Uint8Array; contentType: string } | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    // Real form: https://{host}/files/...; emulator form: {origin}/{host}/files/...
    const [embeddedHost = '', ...restSegments] = parsed.pathname.split('/').slice(1);
    const candidates: Array<[string, string]> = [
      [parsed.hostname.toLowerCase(), parsed.pathname],
      [embeddedHost.toLowerCase(), `/${restSegments.join('/')}`],
    ];
    for (const [host, path] of candidates) {
      const matched = matchLocation(host, path);
      const segments = matched && splitPath(matched.rest);
      if (!matched || !segments || segments.length !== 3 || segments[0] !== 'files') continue;
      const file = files.find(matched.location, segments[1]!, segments[2]!);
      if (file) return { bytes: fileBytes(file), contentType: file.contentType };
    }
    return undefined;
  }

  return { handle, put, get };
}

/** Decoded path segments, or undefined when a segment is not valid percent-encoding. */
function splitPath(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

// Storage JSON bodies are tiny ({content_type, file_name} or a parts list); refuse anything absurd.
const MAX_JSON_BYTES = 1024 * 1024;

/** Reads at most MAX_JSON_BYTES (413 beyond, without buffering the rest); malformed JSON is FastAPI's 422. */
function readJson(request: Request) {
  return readJsonBody(request, MAX_JSON_BYTES);
}
