import { createFalConnection, subscribe } from '@falkit/core/functions';
import { KEY, origin, page } from './harness';

const fal = createFalConnection({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(() => subscribe(fal, 'falkit/echo', { input: { delay_ms: 200, logs: 3 }, logs: true }));
