import { objectLifecycleHeader, type StorageSettings } from '../storage/objectLifecycle';
import { FalInputError } from '../errors/falInputError';
import { assertHeaders, assertStartTimeout } from '../validation/assertOptions';

/**
 * Headers shared by run and submit: caller headers lower-cased first, so the explicit options
 * (`startTimeout`, `storageSettings`, `hint`) override them, as in the official client.
 */
export function requestHeaders(options: {
  headers?: Record<string, string>;
  startTimeout?: number;
  storageSettings?: StorageSettings;
  hint?: string;
}): Record<string, string> {
  assertHeaders(options.headers);
  assertStartTimeout(options.startTimeout);
  if (options.hint !== undefined && typeof options.hint !== 'string') {
    throw new FalInputError('must be a string', 'hint');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const lifecycle = objectLifecycleHeader(options.storageSettings);
  if (lifecycle) headers['x-fal-object-lifecycle-preference'] = lifecycle;
  if (options.startTimeout !== undefined) headers['x-fal-request-timeout'] = String(options.startTimeout);
  if (options.hint) headers['x-fal-runner-hint'] = options.hint;
  return headers;
}
