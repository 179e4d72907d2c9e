import { createFalClient } from '@fal-ai/client';
import { KEY, emulatorFetch, page } from './harness';

const fal = createFalClient({
  credentials: KEY,
  fetch: emulatorFetch,
  suppressLocalCredentialsWarning: true,
});
page(() => fal.run('falkit/echo', { input: { prompt: 'run' } }));
