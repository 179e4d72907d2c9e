import { createFalClient } from '@fal-ai/client';
import { KEY, emulatorFetch, page } from './harness';

const fal = createFalClient({
  credentials: KEY,
  fetch: emulatorFetch,
  suppressLocalCredentialsWarning: true,
});
page(() => fal.subscribe('falkit/echo', { input: { delay_ms: 200, logs: 3 }, logs: true }));
