/** The fal hosts the proxy may reach. Exact names only: no wildcards, so look-alikes cannot slip in. */
export const FAL_HOSTS = ['fal.run', 'queue.fal.run', 'rest.fal.ai', 'v3.fal.media'] as const;

export type FalHost = (typeof FAL_HOSTS)[number];

export function isFalHost(host: string): host is FalHost {
  return (FAL_HOSTS as readonly string[]).includes(host);
}

/** rest.fal.ai routes a browser legitimately needs (POST only): realtime/stream tokens and upload set-up. */
export const REST_ROUTES = {
  'tokens/': 'token',
  tokens: 'token',
  'storage/upload/initiate': 'storage',
  'storage/upload/initiate-multipart': 'storage',
  'storage/upload/complete-multipart': 'storage',
  'storage/auth/token': 'storage',
} as const satisfies Record<string, 'token' | 'storage'>;

/** v3.fal.media routes (POST only) used by CDN uploads. */
export const CDN_ROUTES = ['files/upload', 'files/upload/multipart'] as const;
