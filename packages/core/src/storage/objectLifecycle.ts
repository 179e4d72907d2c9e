import { FalInputError } from '../errors/falInputError';

/**
 * Object lifecycle for uploads (§6.3): how long the stored file lives and who may read it.
 * Sent as the `X-Fal-Object-Lifecycle` header on upload initiation.
 */
export type ObjectExpiration = 'never' | 'immediate' | '1h' | '1d' | '7d' | '30d' | '1y' | number;
export type StorageACLDecision = 'hide' | 'forbid' | 'allow';
export interface StorageACLRule {
  user: string;
  decision: StorageACLDecision;
}
export interface StorageACL {
  default?: StorageACLDecision;
  rules?: StorageACLRule[];
}
/** `@fal-ai/client`'s shape: `{ expiresIn, initialAcl }`. */
export interface StorageSettings {
  /** An alias or a positive whole number of seconds. */
  expiresIn?: ObjectExpiration;
  initialAcl?: StorageACL;
}
/** What `upload(..., { lifecycle })` accepts: the drop-in settings object or just the expiration. */
export type UploadLifecycle = StorageSettings | ObjectExpiration;

export const OBJECT_LIFECYCLE_HEADER = 'X-Fal-Object-Lifecycle';

const EXPIRATION_SECONDS: Record<Exclude<ObjectExpiration, number>, number | undefined> = {
  never: undefined,
  immediate: 60,
  '1h': 3_600,
  '1d': 86_400,
  '7d': 604_800,
  '30d': 2_592_000,
  '1y': 31_536_000,
};

interface LifecycleBody {
  expiration_duration_seconds?: number;
  initial_acl?: StorageACL;
}

/**
 * Validates a lifecycle and returns the header value, or `undefined` when nothing is left to send
 * (`never`, empty settings). Throws `FalInputError` for bad values so they fail before
 * any request: 0, negatives, fractions, NaN, booleans, unknown aliases, unknown ACL decisions.
 */
export function objectLifecycleHeader(lifecycle: UploadLifecycle | undefined): string | undefined {
  if (lifecycle === undefined || lifecycle === null) return undefined;
  const settings: StorageSettings =
    typeof lifecycle === 'object' ? lifecycle : { expiresIn: lifecycle as ObjectExpiration };
  const body: LifecycleBody = {};
  const seconds = expirationSeconds(settings.expiresIn);
  if (seconds !== undefined) body.expiration_duration_seconds = seconds;
  if (settings.initialAcl !== undefined) body.initial_acl = validateAcl(settings.initialAcl);
  return Object.keys(body).length > 0 ? JSON.stringify(body) : undefined;
}

function expirationSeconds(expiresIn: unknown): number | undefined {
  if (expiresIn === undefined) return undefined;
  if (typeof expiresIn === 'number') {
    if (!Number.isSafeInteger(expiresIn) || expiresIn <= 0) {
      throw new FalInputError(`must be a positive whole number of seconds, got ${expiresIn}`, 'lifecycle');
    }
    return expiresIn;
  }
  if (typeof expiresIn === 'string' && Object.hasOwn(EXPIRATION_SECONDS, expiresIn)) {
    return EXPIRATION_SECONDS[expiresIn as keyof typeof EXPIRATION_SECONDS];
  }
  throw new FalInputError(
    `invalid expiration ${JSON.stringify(expiresIn)}: use ${Object.keys(EXPIRATION_SECONDS).join(', ')} or seconds`,
    'lifecycle',
  );
}

const DECISIONS = new Set(['hide', 'forbid', 'allow']);

function validateAcl(acl: StorageACL): StorageACL {
  if (typeof acl !== 'object' || acl === null)
    throw new FalInputError('must be an object', 'lifecycle.initialAcl');
  if (acl.default !== undefined && !DECISIONS.has(acl.default)) {
    throw new FalInputError(`invalid decision ${String(acl.default)}`, 'lifecycle.initialAcl.default');
  }
  for (const rule of acl.rules ?? []) {
    if (typeof rule?.user !== 'string' || !DECISIONS.has(rule.decision)) {
      throw new FalInputError(`invalid rule ${JSON.stringify(rule)}`, 'lifecycle.initialAcl.rules');
    }
  }
  return acl;
}
