import { createFalClient } from '@fal-ai/client';
import { KEY, emulatorFetch, page, uploadBlob } from './harness';

const fal = createFalClient({
  credentials: KEY,
  fetch: emulatorFetch,
  suppressLocalCredentialsWarning: true,
});
page(() => fal.storage.upload(uploadBlob()));
