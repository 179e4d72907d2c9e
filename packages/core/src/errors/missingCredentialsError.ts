import { ApiError, type ApiErrorArgs } from './apiError';

/**
 * fal refused a request (401/403) that was sent without credentials and without a proxy. It is an
 * `ApiError` so code that checks `error.status === 401` keeps working.
 */
export class MissingCredentialsError extends ApiError {
  constructor(args: Omit<ApiErrorArgs, 'message'>) {
    super({
      ...args,
      message:
        'No fal credentials: set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET), pass `credentials` to ' +
        'createFalClient / fal.config, or use `proxyUrl` in browsers.',
    });
  }
}
