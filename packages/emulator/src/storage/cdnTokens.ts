import { randomHex } from './randomHex';

/** Short-lived CDN tokens from `storage/auth/token` (PY flow), sent as `Authorization: Bearer <token>`. */
export const CDN_TOKEN_TYPE = 'Bearer';
const CDN_TOKEN_VALIDITY_MS = 60 * 60 * 1000;

export interface CdnToken {
  token: string;
  expiresAt: number;
}

export class CdnTokens {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  issue(): CdnToken {
    const token = randomHex(32);
    const expiresAt = this.now() + CDN_TOKEN_VALIDITY_MS;
    this.tokens.set(token, expiresAt);
    return { token, expiresAt };
  }

  /** True when the request carries a token we issued that has not expired. */
  authorizes(headers: Headers): boolean {
    const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(headers.get('authorization') ?? '');
    if (!match || match[1]!.toLowerCase() !== CDN_TOKEN_TYPE.toLowerCase()) return false;
    const expiresAt = this.tokens.get(match[2]!);
    return expiresAt !== undefined && this.now() < expiresAt;
  }

  sweep(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) if (now >= expiresAt) this.tokens.delete(token);
  }
}

/**
 * ISO-8601 with an explicit `+00:00` offset: Python < 3.11 `datetime.fromisoformat` (used by PY to
 * read `expires_at`) rejects the `Z` suffix.
 */
export function isoWithOffset(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}
