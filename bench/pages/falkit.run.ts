import { createFalClient } from '@falkit/core';
import { KEY, origin, page } from './harness';

const fal = createFalClient({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(() => fal.run('falkit/echo', { input: { prompt: 'run' } }));
