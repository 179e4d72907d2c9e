import { randomHex, toHex } from './randomHex';
import type { StorageLocation } from './storageLocations';

/**
 * Uploads in progress. A JS upload is addressed by a signed URL (`?signature=` holds the session
 * secret, so the URL works without credentials); a PY multipart upload by `uploadId` plus the CDN token.
 */
export type UploadFlow = 'signed' | 'cdn-token';

export interface UploadSession {
  id: string;
  secret: string;
  kind: 'single' | 'multipart';
  flow: UploadFlow;
  location: StorageLocation;
  fileId: string;
  fileName: string;
  contentType: string;
  expirationSeconds: number | undefined;
  /** The signed URL / upload id stops working at this epoch ms. */
  validUntil: number;
  parts: Map<number, UploadedPart>;
}

export interface UploadedPart {
  bytes: Uint8Array;
  etag: string;
}

export type NewSession = Omit<UploadSession, 'id' | 'secret' | 'validUntil' | 'parts'>;

// S3-compatible bounds: part numbers 1..10000.
export const MAX_PART_NUMBER = 10_000;
const SINGLE_UPLOAD_VALIDITY_MS = 60 * 60 * 1000;
const MULTIPART_VALIDITY_MS = 24 * 60 * 60 * 1000;

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly now: () => number) {}

  create(input: NewSession): UploadSession {
    const validity = input.kind === 'single' ? SINGLE_UPLOAD_VALIDITY_MS : MULTIPART_VALIDITY_MS;
    const session: UploadSession = {
      ...input,
      id: randomHex(16),
      secret: randomHex(24),
      validUntil: this.now() + validity,
      parts: new Map(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** A live session, or undefined when unknown, finished or past its validity. */
  get(id: string): UploadSession | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (this.now() >= session.validUntil) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  isLive(session: UploadSession): boolean {
    return this.get(session.id) === session;
  }

  finish(session: UploadSession): void {
    this.sessions.delete(session.id);
  }

  sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (now >= session.validUntil) this.sessions.delete(id);
  }
}

/** Part ETag: a content hash, like S3's MD5, so a client can tell parts apart. */
export async function partEtag(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest)).slice(0, 32);
}

export type AssembleResult =
  | { ok: true; chunks: Uint8Array[] }
  | { ok: false; status: number; detail: string };

/**
 * Validates a `{"parts":[{partNumber, etag}]}` completion body against the uploaded parts and
 * returns the chunks in part order. PY lists parts in completion order, so order is not required;
 * duplicates, missing parts and wrong ETags are rejected like S3 does.
 */
export function assembleParts(session: UploadSession, body: unknown): AssembleResult {
  const listed = (body as { parts?: unknown } | null)?.parts;
  if (!Array.isArray(listed) || listed.length === 0) {
    return {
      ok: false,
      status: 400,
      detail: 'Body must be {"parts": [{"partNumber": n, "etag": "..."}, ...]}',
    };
  }
  const wanted: Array<{ partNumber: number; etag: string }> = [];
  for (const entry of listed) {
    const partNumber = (entry as { partNumber?: unknown } | null)?.partNumber;
    const etag = (entry as { etag?: unknown } | null)?.etag;
    if (typeof partNumber !== 'number' || !Number.isInteger(partNumber) || typeof etag !== 'string') {
      return {
        ok: false,
        status: 400,
        detail: 'Each part needs an integer "partNumber" and a string "etag"',
      };
    }
    wanted.push({ partNumber, etag });
  }
  wanted.sort((a, b) => a.partNumber - b.partNumber);

  const chunks: Uint8Array[] = [];
  let previous = 0;
  for (const { partNumber, etag } of wanted) {
    if (partNumber === previous)
      return { ok: false, status: 400, detail: `Part ${partNumber} is listed twice` };
    previous = partNumber;
    const part = session.parts.get(partNumber);
    if (!part) return { ok: false, status: 400, detail: `Part ${partNumber} was not uploaded` };
    if (normalizeEtag(etag) !== part.etag) {
      return { ok: false, status: 400, detail: `ETag mismatch for part ${partNumber}` };
    }
    chunks.push(part.bytes);
  }
  return { ok: true, chunks };
}

/** Accepts an ETag as sent in the JSON body (bare) or echoed from the header (quoted, maybe weak). */
function normalizeEtag(etag: string): string {
  return etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}
