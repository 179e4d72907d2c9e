/**
 * Reference verifier for fal webhooks (docs/protocol.md §9), written independently of the sender so
 * the tests prove its signatures are what a real receiver checks:
 * Ed25519 over `request_id \n user_id \n timestamp \n sha256hex(raw body)`, keys from the JWKS
 * (try every key; `x` may be padded), timestamps within 300 s.
 */
export interface JwksDocument {
  keys: Array<{ kty?: string; crv?: string; x?: string }>;
}

export interface WebhookToVerify {
  headers: Headers;
  rawBody: Uint8Array | string;
  jwks: JwksDocument;
  /** Epoch seconds; default now. */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

export type VerifyResult = { valid: true } | { valid: false; reason: string };

export async function verifyWebhook(input: WebhookToVerify): Promise<VerifyResult> {
  const requestId = input.headers.get('x-fal-webhook-request-id');
  const userId = input.headers.get('x-fal-webhook-user-id');
  const timestamp = input.headers.get('x-fal-webhook-timestamp');
  const signatureHex = input.headers.get('x-fal-webhook-signature');
  if (!requestId || !userId || !timestamp || !signatureHex)
    return { valid: false, reason: 'missing headers' };

  const nowSeconds = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (
    !/^\d+$/.test(timestamp) ||
    Math.abs(nowSeconds - Number(timestamp)) > (input.toleranceSeconds ?? 300)
  ) {
    return { valid: false, reason: 'timestamp outside tolerance' };
  }
  if (!/^([0-9a-f]{2})+$/i.test(signatureHex)) return { valid: false, reason: 'signature is not hex' };
  const signature = new Uint8Array(signatureHex.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));

  const raw = typeof input.rawBody === 'string' ? new TextEncoder().encode(input.rawBody) : input.rawBody;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw as Uint8Array<ArrayBuffer>));
  const bodyHash = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  const message = new TextEncoder().encode([requestId, userId, timestamp, bodyHash].join('\n'));

  for (const key of input.jwks.keys) {
    if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || !key.x) continue;
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: key.x.replace(/=+$/, '') },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    if (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, message))
      return { valid: true };
  }
  return { valid: false, reason: 'no key verifies the signature' };
}
