/** Short-lived tokens from `POST rest.fal.ai/tokens/`, checked when used as `fal_jwt_token`. */

interface IssuedToken {
  allowedApps: string[];
  expiresAt: number;
}

function base64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type TokenCheck = { ok: true } | { ok: false; status: 401 | 403; detail: string };

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Issues a JWT-shaped token (header.payload.signature); the emulator remembers it rather than verifying a signature. */
  issue(allowedApps: string[], expirationSeconds: number): string {
    const issuedAt = Math.floor(this.now() / 1000);
    const payload = {
      sub: 'falkit-emulator',
      allowed_apps: allowedApps,
      iat: issuedAt,
      exp: issuedAt + expirationSeconds,
      jti: randomId(),
    };
    const token = `${base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64Url(JSON.stringify(payload))}.${base64Url(randomId())}`;
    this.tokens.set(token, { allowedApps, expiresAt: this.now() + expirationSeconds * 1000 });
    return token;
  }

  /** A token is valid for an app when it is known, unexpired and lists the app's alias. */
  check(token: string, alias: string): TokenCheck {
    const issued = this.tokens.get(token);
    if (!issued) return { ok: false, status: 401, detail: 'Invalid token' };
    if (this.now() >= issued.expiresAt) {
      this.tokens.delete(token);
      return { ok: false, status: 401, detail: 'Token expired' };
    }
    if (!issued.allowedApps.includes(alias)) {
      return { ok: false, status: 403, detail: `Token is not allowed to access app '${alias}'` };
    }
    return { ok: true };
  }

  clear(): void {
    this.tokens.clear();
  }
}
