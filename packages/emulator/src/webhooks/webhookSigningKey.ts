import { toHex } from '../storage/randomHex';

/**
 * The Ed25519 key pair a webhook sender signs with, and its public JWKS (docs/protocol.md §9).
 * WebCrypto only, so it runs in Node and in browsers (msw).
 */
export interface WebhookJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

export interface WebhookJwks {
  keys: WebhookJwk[];
}

export interface WebhookSigningKey {
  jwks: WebhookJwks;
  /** Hex Ed25519 signature of `message`. */
  sign(message: Uint8Array): Promise<string>;
}

export async function generateWebhookSigningKey(): Promise<WebhookSigningKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const x = publicJwk.x!;
  const jwk: WebhookJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x,
    kid: await jwkThumbprint(x),
    use: 'sig',
    alg: 'EdDSA',
  };
  return {
    jwks: { keys: [jwk] },
    async sign(message) {
      const signature = await crypto.subtle.sign(
        { name: 'Ed25519' },
        pair.privateKey,
        message as BufferSource,
      );
      return toHex(new Uint8Array(signature));
    },
  };
}

/** RFC 7638 thumbprint of an OKP key, base64url: a stable, content-derived `kid`. */
async function jwkThumbprint(x: string): Promise<string> {
  const canonical = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return base64Url(new Uint8Array(digest));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
