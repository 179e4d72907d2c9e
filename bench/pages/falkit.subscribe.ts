import { createFalClient } from '@falkit/core';
import { KEY, origin, page } from './harness';

const fal = createFalClient({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(() => fal.subscribe('falkit/echo', { input: { delay_ms: 200, logs: 3 }, logs: true }));
