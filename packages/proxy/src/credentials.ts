import type { ProxyConfig } from './config';

/** The `Authorization` value to send upstream, or undefined when the server has no key configured. */
export async function resolveAuthorization(
  config: ProxyConfig,
  request: Request,
): Promise<string | undefined> {
  if (config.allowClientCredentials) {
    const fromClient = request.headers.get('authorization');
    if (fromClient) return fromClient;
  }
  const key = config.resolveCredentials
    ? await config.resolveCredentials(request)
    : keyFromEnv(config.env ?? processEnv());
  const trimmed = key?.trim();
  return trimmed ? `Key ${trimmed}` : undefined;
}

function keyFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.FAL_KEY?.trim()) return env.FAL_KEY;
  if (env.FAL_KEY_ID?.trim() && env.FAL_KEY_SECRET?.trim()) return `${env.FAL_KEY_ID}:${env.FAL_KEY_SECRET}`;
  return undefined;
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  // Edge runtimes may lack `process`; they pass `env` or `resolveCredentials` instead.
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}
