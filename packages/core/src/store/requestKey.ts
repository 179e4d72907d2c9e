/**
 * The one key of a fal request: what is asked (kind, endpoint, input), every option that changes
 * what is sent or how it is followed, and which client sends it. Observers, `FalStore` and
 * `@falkit/react/query` all key requests with it, so two clients (or `logs: true` and `false`)
 * never share an entry.
 */
import type { ObserverRequestConfig, RequestKind } from '../observers/falRequest';
import { identityOf, stableHash } from '../observers/stableHash';

export function requestKey(
  client: object,
  kind: RequestKind | 'stream',
  endpointId: string,
  input: unknown,
  options: ObserverRequestConfig = {},
): string {
  const { logs, priority, hint, webhookUrl, timeout, startTimeout, mode, headers } = options;
  // A client is compared by identity: two clients built from the same config are still two.
  return stableHash([
    'fal',
    kind,
    endpointId,
    input,
    { logs, priority, hint, webhookUrl, timeout, startTimeout, mode, headers },
    `client:${identityOf(client)}`,
  ]);
}
