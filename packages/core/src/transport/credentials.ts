/** A credentials source: a key, or a (sync or async) function returning one. */
export type CredentialsResolver = () => string | undefined | Promise<string | undefined>;

/** `FAL_KEY`, or `FAL_KEY_ID:FAL_KEY_SECRET`, where `process.env` exists (guarded for browsers/edge). */
export const credentialsFromEnv: CredentialsResolver = () => {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (!env) return undefined;
  if (env.FAL_KEY) return env.FAL_KEY;
  if (env.FAL_KEY_ID && env.FAL_KEY_SECRET) return `${env.FAL_KEY_ID}:${env.FAL_KEY_SECRET}`;
  return undefined;
};

export async function resolveCredentials(
  source: string | CredentialsResolver | undefined,
): Promise<string | undefined> {
  const value = typeof source === 'function' ? await source() : source;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
