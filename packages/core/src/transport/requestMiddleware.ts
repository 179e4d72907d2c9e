/** The request as middleware sees it: the real fal URL (before `baseUrl` mapping), method and headers. */
export interface RequestConfig {
  url: string;
  method: string;
  headers?: Record<string, string | string[]>;
}

export type RequestMiddleware = (request: RequestConfig) => Promise<RequestConfig>;

/** Run middlewares in order, each receiving the previous one's output. */
export function withMiddleware(...middlewares: Array<RequestMiddleware | undefined>): RequestMiddleware {
  const chain = middlewares.filter(
    (middleware): middleware is RequestMiddleware => typeof middleware === 'function',
  );
  return async (config) => {
    let current = { ...config };
    for (const middleware of chain) current = await middleware(current);
    return current;
  };
}
